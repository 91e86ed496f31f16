import { AWS_ORGANIZATION_RESOURCE_TYPES } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/discovery-harness.ts";
import {
  DATA,
  EXCLUDED,
  EXCLUDED_NESTED,
  EXCLUDED_OU,
  MANAGEMENT_ROLE,
  MGMT,
  MGMT_COUNTS,
  PROD_A,
  PROD_B,
  PROD_C,
  REGION,
  SANDBOX_ACCOUNT,
  SUSPENDED,
  testScenario,
} from "./testing/test-scenario.ts";

const INCLUDED = [MGMT, PROD_A, PROD_B, PROD_C, DATA, SANDBOX_ACCOUNT];
const SCANNED = INCLUDED; // active and not excluded: every one gets a member scope
const MEMBERS = [PROD_A, PROD_B, PROD_C, DATA, SANDBOX_ACCOUNT];

function orgConfig(extra: Record<string, string> = {}) {
  return {
    region: REGION,
    sso_region: REGION,
    sso_portal: "https://d-test000001.awsapps.com/start",
    management_account_role_arn: MANAGEMENT_ROLE,
    excluded_organization_unit_ids: EXCLUDED_OU,
    ...extra,
  };
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ scenario: testScenario({ deniedMembers: [PROD_B, DATA] }) });
});
afterAll(async () => {
  await h?.close();
});

async function resourcesOf(integrationId: string, type: string) {
  return h.db.resource.findMany({ where: { integrationId, type }, orderBy: { externalId: "asc" } });
}

describe("an Amazon Organization integration", () => {
  it("walks the OU tree without touching excluded OUs, and reads every type; denied member roles are a Warning naming exactly those accounts", async () => {
    h.sandbox.resetCalls();
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-organization",
      types: [...AWS_ORGANIZATION_RESOURCE_TYPES],
      config: orgConfig(),
    });
    const run = await h.waitForRun(runId);

    // Accounts: every one outside the excluded subtree (suspended included), with OU path and tags.
    const accounts = await resourcesOf(integrationId, "aws-organization-account");
    expect(accounts.map((a) => a.accountId).sort()).toEqual([...INCLUDED, SUSPENDED].sort());
    const data = accounts.find((a) => a.accountId === DATA)!;
    expect(data).toMatchObject({
      name: "data",
      tags: { owner: "bob@portcullis.dev", team: "data" },
      scopeKey: "organization",
    });
    expect(data.metadata).toMatchObject({
      ou_id: "ou-test-data00001",
      ou_path: "Root/Production/Data",
      status: "ACTIVE",
    });
    expect(accounts.find((a) => a.accountId === SUSPENDED)!.metadata).toMatchObject({
      status: "SUSPENDED",
      ou_path: "Root",
    });

    // Identity Center, in the SSO region, every page.
    const sets = await resourcesOf(integrationId, "aws-organization-permission-set");
    expect(sets.map((s) => s.name).sort()).toEqual([
      "AdministratorAccess",
      "PowerUserAccess",
      "ReadOnlyAccess",
    ]);
    expect(sets[0]).toMatchObject({ region: REGION, accountId: MGMT });
    expect(sets[0]!.metadata).toMatchObject({ session_duration: "PT4H" });
    const groups = await resourcesOf(integrationId, "aws-organization-group");
    expect(groups.map((g) => g.name).sort()).toEqual([
      "Payments Team",
      "Platform Engineers",
      "Security Auditors",
    ]);
    expect(groups[0]!.externalId).toBe("arn:aws:identitystore:::group/group-0");

    // Member accounts: roles and buckets of the accounts whose role could be assumed.
    const roles = await resourcesOf(integrationId, "aws-organization-iam-role");
    const buckets = await resourcesOf(integrationId, "aws-organization-s3-bucket");
    const good = [MGMT, PROD_A, PROD_C, SANDBOX_ACCOUNT];
    expect([...new Set(roles.map((r) => r.accountId))].sort()).toEqual(good);
    expect([...new Set(buckets.map((b) => b.accountId))].sort()).toEqual(
      [PROD_A, PROD_C, SANDBOX_ACCOUNT].concat(MGMT).sort(),
    );
    expect(roles.filter((r) => r.accountId === PROD_A)).toHaveLength(4); // OrganizationAccountAccessRole + 3
    expect(roles.filter((r) => r.accountId === MGMT)).toHaveLength(MGMT_COUNTS.roles); // read with the management role
    expect(buckets.find((b) => b.name === "prod-a-bucket-b")).toMatchObject({
      region: "eu-west-1",
      scopeKey: `account/${PROD_A}`,
    });

    // Warning, naming exactly the two accounts whose role was denied.
    expect(run.state).toBe("partial");
    const errors = run.errors as Array<Record<string, unknown>>;
    expect(errors.map((e) => e.account_id).sort()).toEqual([PROD_B, DATA].sort());
    expect(errors.find((e) => e.account_id === DATA)).toMatchObject({
      scope: `account/${DATA}`,
      code: "AccessDenied",
      message: `Role OrganizationAccountAccessRole cannot be assumed in ${DATA} (AccessDenied).`,
      fix: expect.stringContaining("exclude the account's OU (ou-test-data00001)"),
    });
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration.status).toBe("Warning");
    expect(integration.statusMessage).toContain("role OrganizationAccountAccessRole cannot be assumed in");
    expect(integration.statusMessage).toContain(PROD_B);
    expect(integration.statusMessage).toContain(DATA);
    expect(integration.lastSyncTime).not.toBeNull();
    // Scopes: the walk, two Identity Center types, the Identity Center directory, one per active
    // account outside the excluded OU.
    expect(run).toMatchObject({
      scopesTotal: 4 + SCANNED.length,
      scopesFailed: 2,
      accountsFound: INCLUDED.length + 1,
    });

    // Nothing inside the excluded subtree was ever called: no member calls, no AssumeRole into it...
    const touched = h.sandbox.calledAccounts();
    expect(touched).not.toContain(EXCLUDED);
    expect(touched).not.toContain(EXCLUDED_NESTED);
    expect(touched).not.toContain(SUSPENDED);
    expect(h.sandbox.calledAccounts({ operation: "AssumeRole" }).sort()).toEqual([MGMT, ...MEMBERS].sort());
    // ...and Organizations was asked exactly for the parents and accounts outside it: the root,
    // Production, Data and Sandbox are listed (pages of 2), the excluded OU and its child never.
    const counts = h.sandbox.callCounts();
    expect(counts["organizations:ListTagsForResource"]).toBe(INCLUDED.length + 1);
    // Accounts per parent: Root 2 (1 page), Production 3 (2 pages), Data 1, Sandbox 1 → 5 calls.
    expect(counts["organizations:ListAccountsForParent"]).toBe(5);
    // OUs per parent: Root 3 (2 pages), Production 1, Data 0, Sandbox 0 → 5 calls.
    expect(counts["organizations:ListOrganizationalUnitsForParent"]).toBe(5);
    expect(counts["sso:ListPermissionSets"]).toBe(2);
    // Three groups in pages of 2, listed for the group resources and for the directory.
    expect(counts["identitystore:ListGroups"]).toBe(4);
  });

  it("is Error, with an actionable message, when the management role cannot be assumed", async () => {
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-organization",
      types: ["aws-organization-account"],
      config: orgConfig({ management_account_role_arn: `arn:aws:iam::${MGMT}:role/Missing` }),
    });
    const run = await h.waitForRun(runId);
    expect(run.state).toBe("failed");
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration.status).toBe("Error");
    expect(integration.statusMessage).toMatch(
      /^The management account role arn:aws:iam::111111111111:role\/Missing cannot be assumed from arn:aws:iam::111111111111:role\/PortcullisConnectorRole \(AccessDenied\)\. Check the Management Account Role ARN/,
    );
  });

  it("is Error when every scope fails", async () => {
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-organization",
      types: ["aws-organization-iam-role"],
      config: orgConfig({ member_account_role_name: "NoSuchRole" }),
    });
    const run = await h.waitForRun(runId);
    // The walk succeeds; every member scope but the management account's fails.
    expect(run.state).toBe("partial");
    const onlyDenied = await h.createIntegration({
      type: "aws-organization",
      types: ["aws-organization-permission-set"],
      config: orgConfig({ sso_region: "eu-central-1" }),
    });
    const failed = await h.waitForRun(onlyDenied.runId);
    expect(failed.state).toBe("failed");
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: onlyDenied.integrationId } });
    expect(integration.status).toBe("Error");
    expect(integration.statusMessage).toContain("IAM Identity Center has no instance in eu-central-1");
    expect(integration.statusMessage).toContain('set "AWS SSO Region" to the region where it is enabled');
    expect(await h.db.resource.count({ where: { integrationId } })).toBeGreaterThan(0);
  });

  it("warns when an excluded OU does not exist: the accounts it was meant to exclude are not excluded", async () => {
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-organization",
      types: ["aws-organization-account"],
      config: orgConfig({ excluded_organization_unit_ids: `${EXCLUDED_OU},ou-zzzz-99999999` }),
    });
    const run = await h.waitForRun(runId);
    expect(run.state).toBe("succeeded");
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration.status).toBe("Warning");
    expect(integration.statusMessage).toContain("The organization has no OU ou-zzzz-99999999");
    expect(integration.statusMessage).not.toContain(EXCLUDED_OU);
  });
});
