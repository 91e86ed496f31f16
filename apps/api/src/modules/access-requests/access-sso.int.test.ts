import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, seedConnector, setUpCallers } from "../../../test/fixtures.ts";
import {
  type Person,
  recordingGranter,
  seedPeople,
  startAccessWorkers,
  TEST_SECRETS,
  until,
} from "./test/access-fixtures.ts";

let t: TestApp;
let callers: Callers;
let people: Record<string, Person>;
let fake: ReturnType<typeof recordingGranter>;
let integrationId: string;
let account: { id: string };
const REQUESTS = "/api/user/v4/access-requests";
const PS_ARN = "arn:aws:sso:::permissionSet/ssoins-1111/ps-aaaa";

beforeAll(async () => {
  t = await createTestApp(TEST_SECRETS);
  callers = await setUpCallers(t.database.db);
  ({ people } = await seedPeople(t, ["olga", "pete", "quinn"]));
  fake = recordingGranter();
  await startAccessWorkers(t, fake.granter);
  const connector = await seedConnector(t.database.db);
  const integration = await t.database.db.integration.create({
    data: {
      name: "Org",
      type: "aws-organization",
      status: "Active",
      connectorId: connector.id,
      connectedResourceTypes: ["aws-organization-account", "aws-organization-permission-set"],
      integrationConfig: {
        region: "us-east-1",
        sso_region: "eu-central-1",
        sso_portal: "https://my-org.awsapps.com/start",
        management_account_role_arn: "arn:aws:iam::123456789012:role/PortcullisManagement",
      },
      customAccessDetails: "Production: be careful.",
      owner: {
        attribute_type: "user",
        attribute_value: [people.olga!.email],
        source_integration_reference: null,
      },
    },
  });
  integrationId = integration.id;
  account = await t.database.db.resource.create({
    data: {
      integrationId,
      type: "aws-organization-account",
      externalId: "arn:aws:organizations::123456789012:account/o-x/222233334444",
      name: "payments-prod",
      accountId: "222233334444",
      tags: {},
    },
  });
  for (const [name, arn] of [
    ["AdministratorAccess", "arn:aws:sso:::permissionSet/ssoins-1111/ps-zzzz"],
    ["ReadOnly", PS_ARN],
  ])
    await t.database.db.resource.create({
      data: {
        integrationId,
        type: "aws-organization-permission-set",
        externalId: arn as string,
        name: name as string,
        accountId: "123456789012",
        metadata: { instance_arn: "arn:aws:sso:::instance/ssoins-1111", identity_store_id: "d-1234567890" },
      },
    });
});
afterAll(() => t?.close());

describe("permission sets in an organization's accounts", () => {
  it("lists the discovered permission sets as the accounts' permissions", async () => {
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: `/api/v3/integrations/${integrationId}/permissions?resource-type=aws-organization-account`,
    });
    expect(response.json().data).toEqual([
      { id: "AdministratorAccess", name: "AdministratorAccess", resource_type: "aws-organization-account" },
      { id: "ReadOnly", name: "ReadOnly", resource_type: "aws-organization-account" },
    ]);
  });

  it("ALL_OF with a required reason: both groups approve; then an account assignment, the sign-in link and an sso-session profile", async () => {
    const flow = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v2/access-flows",
      payload: {
        name: "Org read-only",
        active: true,
        trigger: "SELF_SERVE",
        requestors: { logical_operator: "OR", conditions: [] },
        access_targets: [
          {
            integration: {
              integration_reference: "org",
              resource_type: "aws-organization-account",
              permissions: ["ReadOnly"],
            },
          },
        ],
        approver_policy: {
          approval_mode: "ALL_OF",
          approver_groups: [
            { logical_operator: "OR", approvers: [{ type: "Owner" }] },
            { logical_operator: "OR", approvers: [{ type: "user", values: [people.quinn!.email] }] },
          ],
        },
        settings: {
          justification_required: false,
          require_approver_reason: true,
          requestor_cannot_approve_himself: true,
        },
        grant_duration_in_min: 120,
      },
    });
    expect(flow.statusCode, flow.body).toBe(201);
    const admin = await call(t.app, people.pete!.caller, {
      method: "POST",
      url: REQUESTS,
      payload: { entitlements: [{ resource_id: account.id, permission_id: "AdministratorAccess" }] },
    });
    expect(admin.json().code).toBe("NO_MATCHING_ACCESS_FLOW");

    const created = await call(t.app, people.pete!.caller, {
      method: "POST",
      url: REQUESTS,
      payload: { entitlements: [{ resource_id: account.id, permission_id: "ReadOnly" }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [req] = created.json();
    expect(req.duration_in_sec).toBe(7200);

    const noReason = await call(t.app, people.olga!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues).toEqual([
      { path: "reason", message: "Enter a reason: this access flow requires approvers to give one." },
    ]);
    const byOwner = await call(t.app, people.olga!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: { reason: "on call" },
    });
    expect(byOwner.json().status).toBe("PENDING"); // ALL_OF: quinn's group has not approved yet
    const byQuinn = await call(t.app, people.quinn!.caller, {
      method: "POST",
      url: `${REQUESTS}/${req.id}/approve`,
      payload: { reason: "ok" },
    });
    expect(byQuinn.json().status).toBe("APPROVED");

    await until(
      async () =>
        (await t.database.db.accessRequest.findUnique({ where: { id: req.id } }))?.status === "GRANTED",
    );
    expect(fake.calls).toContainEqual({
      op: "grant",
      personId: people.pete!.id,
      key: `sso:222233334444:${PS_ARN}`,
    });

    const [session] = (
      await call(t.app, people.pete!.caller, { method: "GET", url: "/api/user/v1/access-sessions" })
    ).json().items;
    expect(session).toMatchObject({
      credentials_status: "NOT_APPLICABLE",
      name: "ReadOnly on payments-prod",
    });
    const details = (
      await call(t.app, people.pete!.caller, {
        method: "GET",
        url: `/api/user/v1/access-sessions/${session.id}/access-details`,
      })
    ).json();
    expect(details.custom_admin_message).toBe("Production: be careful.");
    expect(details.link).toEqual({
      url: "https://my-org.awsapps.com/start/#/console?account_id=222233334444&role_name=ReadOnly",
      title: "Sign in to payments-prod as ReadOnly",
    });
    expect(details.cli).toContain(
      "[sso-session portcullis]\nsso_start_url = https://my-org.awsapps.com/start\nsso_region = eu-central-1",
    );
    expect(details.cli).toContain("sso_account_id = 222233334444\nsso_role_name = ReadOnly");
  });
});
