import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { anonymous, type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { type Person, seedAccountIntegration, seedPeople } from "../access-requests/test/access-fixtures.ts";
import { ACCESS_FLOW_MESSAGES } from "./access-flow.service.ts";

let t: TestApp;
let callers: Callers;
let people: Record<string, Person>;
let seeded: Awaited<ReturnType<typeof seedAccountIntegration>>;
const FLOWS = "/api/admin/v2/access-flows";

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  ({ people } = await seedPeople(t, ["ann", "ben"]));
  seeded = await seedAccountIntegration(t, {});
});
afterAll(() => t?.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  name: "Roles for on-call",
  active: true,
  trigger: "SELF_SERVE",
  requestors: { logical_operator: "OR", conditions: [] },
  access_targets: [
    {
      integration: {
        integration_reference: seeded.integration.name.toUpperCase(),
        resource_type: "aws-account-iam-role",
        permissions: ["assume"],
        resources_scopes: [{ scope_mode: "exclude_resources", type: "TAG", key: "env", values: ["prod"] }],
      },
    },
  ],
  ...overrides,
});

describe("access flows API", () => {
  it("creates a flow with the defaults (owners approve, 60 minutes, justification required), reads, lists, audits", async () => {
    const created = await call(t.app, callers.admin, { method: "POST", url: FLOWS, payload: body() });
    expect(created.statusCode, created.body).toBe(201);
    const flow = created.json();
    expect(flow).toMatchObject({
      name: "Roles for on-call",
      trigger: "SELF_SERVE",
      grant_duration_in_min: 60,
      approver_policy: {
        approval_mode: "ANY_OF",
        approver_groups: [{ logical_operator: "OR", approvers: [{ type: "Owner", values: [] }] }],
      },
      settings: { justification_required: true, requestor_cannot_approve_himself: true, require_mfa: false },
      access_targets: [
        {
          integration: {
            integration_id: seeded.integration.id,
            integration_name: seeded.integration.name,
            resources_scopes: [
              { scope_mode: "exclude_resources", type: "TAG", key: "env", values: ["prod"] },
            ],
          },
          bundle: null,
        },
      ],
    });
    expect(
      (await call(t.app, callers.adminToken, { method: "GET", url: `${FLOWS}/${flow.id}` })).json(),
    ).toEqual(flow);
    const list = (await call(t.app, callers.admin, { method: "GET", url: FLOWS })).json();
    expect(list.items.map((f: { id: string }) => f.id)).toContain(flow.id);
    expect(
      await t.database.db.auditLog.count({ where: { action: "access_flow.create", targetId: flow.id } }),
    ).toBe(1);

    const taken = await call(t.app, callers.admin, {
      method: "POST",
      url: FLOWS,
      payload: body({ name: "ROLES FOR ON-CALL" }),
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: "ACCESS_FLOW_NAME_TAKEN",
      issues: [{ path: "name", message: ACCESS_FLOW_MESSAGES.nameTaken }],
    });

    const updated = await call(t.app, callers.admin, {
      method: "PUT",
      url: `${FLOWS}/${flow.id}`,
      payload: body({
        active: false,
        grant_duration_in_min: 240,
        approver_policy: {
          approval_mode: "ALL_OF",
          approver_groups: [
            { logical_operator: "OR", approvers: [{ type: "user", values: [people.ann!.email] }] },
            { logical_operator: "OR", approvers: [{ type: "Owner" }] },
          ],
        },
      }),
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      active: false,
      grant_duration_in_min: 240,
      approver_policy: { approval_mode: "ALL_OF" },
    });

    const deleted = await call(t.app, callers.admin, { method: "DELETE", url: `${FLOWS}/${flow.id}` });
    expect(deleted.statusCode).toBe(204);
    expect((await call(t.app, callers.admin, { method: "GET", url: `${FLOWS}/${flow.id}` })).statusCode).toBe(
      404,
    );
  });

  it("refuses references to nothing, with the field and the reason", async () => {
    const response = await call(t.app, callers.admin, {
      method: "POST",
      url: FLOWS,
      payload: body({
        name: "Broken",
        requestors: { logical_operator: "OR", conditions: [{ type: "user", values: ["nobody@corp.test"] }] },
        access_targets: [
          {
            integration: {
              integration_reference: "no such integration",
              resource_type: "aws-account-iam-role",
              permissions: ["assume"],
            },
          },
          {
            integration: {
              integration_reference: seeded.integration.id,
              resource_type: "aws-account-ec2-instance",
              permissions: ["ssm-session"],
            },
          },
          {
            integration: {
              integration_reference: seeded.integration.id,
              resource_type: "aws-account-s3-bucket",
              permissions: ["admin"],
            },
          },
        ],
        approver_policy: {
          approval_mode: "ANY_OF",
          approver_groups: [
            {
              logical_operator: "OR",
              approvers: [{ type: "group", values: ["ghosts"], source_integration_reference: "Okta" }],
            },
          ],
        },
      }),
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual([
      "requestors.conditions.0.values",
      "access_targets.0.integration.integration_reference",
      "access_targets.1.integration.resource_type",
      "access_targets.2.integration.permissions",
      "approver_policy.approver_groups.0.approvers.0.source_integration_reference",
    ]);
    expect(response.json().issues[3].message).toBe(
      'Unknown permission "admin" for aws-account-s3-bucket: choose from read-only, read-write.',
    );
    expect(await t.database.db.accessFlow.count({ where: { name: "Broken" } })).toBe(0);
  });

  it("is for admins only", async () => {
    for (const caller of [callers.user, callers.userToken, people.ben!.caller]) {
      expect((await call(t.app, caller, { method: "GET", url: FLOWS })).statusCode).toBe(403);
      expect(
        (await call(t.app, caller, { method: "POST", url: FLOWS, payload: body({ name: "x" }) })).statusCode,
      ).toBe(403);
    }
    expect((await call(t.app, anonymous, { method: "GET", url: FLOWS })).statusCode).toBe(401);
  });
});
