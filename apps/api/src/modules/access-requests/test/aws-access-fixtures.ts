import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { Scenario } from "@portcullis/aws-sandbox";
import type { TestApp } from "../../../../test/app.ts";
import { type Caller, createAccount, sessionCaller } from "../../../../test/fixtures.ts";
import { type GrantingHarness, startGrantingHarness } from "../../../granting/testing/granting-harness.ts";
import {
  CONNECTOR_ROLE,
  EXTERNAL_ID,
  grantingScenario,
  IDENTITY_STORE,
  INSTANCE_ARN,
  MANAGEMENT_ROLE,
  MEMBER_A,
  MGMT,
  permissionSetArn,
  REGION,
  userName,
} from "../../../granting/testing/granting-scenario.ts";
import { randomToken } from "../../../lib/tokens.ts";

// The access spine against the real AWS granter and the sandbox: an organization integration
// (Identity Center, member accounts) and an account integration (the management account, where
// the connector role lives), both on a connector that really assumes its role.

export const SSO_PORTAL = "https://granting.awsapps.com/start";
export const ACCOUNT_ROLE = `arn:aws:iam::${MGMT}:role/app-readers`;
export const OTHER_ROLE = `arn:aws:iam::${MGMT}:role/app-admins`;

/** granting's scenario plus roles to assume in the management account (the account integration's). */
export function spineScenario(): Scenario {
  const scenario = grantingScenario();
  const mgmt = scenario.accounts![MGMT]!;
  mgmt.roles = [...(mgmt.roles ?? []), { name: "app-readers" }, { name: "app-admins" }];
  mgmt.groups = [...(mgmt.groups ?? []), { name: "ops-admins" }];
  return scenario;
}

export async function startSpineSandbox(
  options: Parameters<typeof startGrantingHarness>[0] = {},
): Promise<GrantingHarness> {
  return startGrantingHarness({ ...options, sandbox: { scenario: spineScenario(), ...options.sandbox } });
}

export type AwsPerson = { id: string; email: string; caller: Caller };

/** A directory person whose user name is Identity Center user `i`'s, with a Portcullis account. */
export async function seedAwsPeople(t: TestApp, names: Record<string, number>) {
  const source = await t.database.db.identitySource.create({
    data: {
      name: `Staff ${randomToken(4).replace(/[^A-Za-z0-9]/g, "x")}`,
      type: "built_in",
      status: "active",
    },
  });
  const people: Record<string, AwsPerson> = {};
  for (const [name, i] of Object.entries(names)) {
    const email = userName(i);
    const person = await t.database.db.identityPerson.create({
      data: { sourceId: source.id, userName: email, userNameKey: email, email },
    });
    const account = await createAccount(t.database.db, email, "user");
    people[name] = { id: person.id, email, caller: await sessionCaller(t.database.db, account.id, name) };
  }
  return people;
}

const OWNER_TAG = { key_name: "owner", attribute_type: "email", source_integration_reference: null };

/** Both integrations, their resources owned (by tag) by `ownerEmail`. */
export async function seedAwsIntegrations(t: TestApp, ownerEmail: string, tag = randomToken(4)) {
  const suffix = tag.replace(/[^A-Za-z0-9]/g, "x");
  const connector = await t.database.db.connector.create({
    data: {
      id: `granting-connector-${suffix.toLowerCase()}`,
      name: `granting ${suffix}`,
      roleArn: CONNECTOR_ROLE,
      externalId: EXTERNAL_ID,
      region: REGION,
      status: "CONNECTED",
      awsAccountId: MGMT,
      lastConnected: new Date(),
    },
  });
  const org = await t.database.db.integration.create({
    data: {
      name: `Org ${suffix}`,
      type: "aws-organization",
      status: "Active",
      connectorId: connector.id,
      connectedResourceTypes: ["aws-organization-account", "aws-organization-permission-set"],
      integrationConfig: {
        region: REGION,
        sso_region: REGION,
        sso_portal: SSO_PORTAL,
        management_account_role_arn: MANAGEMENT_ROLE,
        member_account_role_name: "OrganizationAccountAccessRole",
      },
      customAccessDetails: "Members: change tickets first.",
      ownersMapping: OWNER_TAG,
    },
  });
  const account = await t.database.db.integration.create({
    data: {
      name: `Mgmt ${suffix}`,
      type: "aws-account",
      status: "Active",
      connectorId: connector.id,
      connectedResourceTypes: ["aws-account-iam-role"],
      integrationConfig: { region: REGION },
      customAccessDetails: "Management account: read only.",
      ownersMapping: OWNER_TAG,
    },
  });
  const memberAccount = await t.database.db.resource.create({
    data: {
      integrationId: org.id,
      type: "aws-organization-account",
      externalId: `arn:aws:organizations::${MGMT}:account/o-granting01/${MEMBER_A}`,
      name: "member-a",
      accountId: MEMBER_A,
      tags: { owner: ownerEmail },
    },
  });
  await t.database.db.resource.create({
    data: {
      integrationId: org.id,
      type: "aws-organization-permission-set",
      externalId: permissionSetArn(0),
      name: "PermissionSet0",
      accountId: MGMT,
      metadata: { instance_arn: INSTANCE_ARN, identity_store_id: IDENTITY_STORE },
    },
  });
  const role = await t.database.db.resource.create({
    data: {
      integrationId: account.id,
      type: "aws-account-iam-role",
      externalId: ACCOUNT_ROLE,
      name: "app-readers",
      accountId: MGMT,
      tags: { owner: ownerEmail },
    },
  });
  return { connector, org, account, memberAccount, role };
}

/** An access flow over both integrations' resources, approved by the resource owner. */
export function ownerApprovedFlow(orgName: string, accountName: string, name = "Members and roles") {
  return {
    name,
    active: true,
    trigger: "SELF_SERVE",
    requestors: { logical_operator: "OR", conditions: [] },
    access_targets: [
      {
        integration: {
          integration_reference: orgName,
          resource_type: "aws-organization-account",
          permissions: ["PermissionSet0"],
        },
      },
      {
        integration: {
          integration_reference: accountName,
          resource_type: "aws-account-iam-role",
          permissions: ["assume"],
        },
      },
    ],
    approver_policy: {
      approval_mode: "ANY_OF",
      approver_groups: [{ logical_operator: "OR", approvers: [{ type: "Owner" }] }],
    },
    settings: {
      justification_required: false,
      require_approver_reason: false,
      requestor_cannot_approve_himself: true,
    },
    grant_duration_in_min: 60,
  };
}

export type Key = { accessKeyId: string; secretAccessKey: string };

/** Whether `key` (signed as the managed user) may assume `roleArn` in the sandbox. */
export async function canAssume(sandboxUrl: string, key: Key, roleArn: string): Promise<boolean> {
  const sts = new STSClient({ endpoint: sandboxUrl, region: REGION, credentials: key, maxAttempts: 1 });
  try {
    await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "spine-test" }));
    return true;
  } catch (error) {
    if ((error as Error).name === "AccessDenied") return false;
    throw error;
  } finally {
    sts.destroy();
  }
}
