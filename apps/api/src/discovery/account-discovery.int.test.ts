import { AWS_ACCOUNT_RESOURCE_TYPES } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/discovery-harness.ts";
import { MGMT, MGMT_COUNTS, REGION, testScenario } from "./testing/test-scenario.ts";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ scenario: testScenario() });
});
afterAll(async () => {
  await h?.close();
});

async function resourcesOf(integrationId: string, type: string) {
  return h.db.resource.findMany({ where: { integrationId, type }, orderBy: { name: "asc" } });
}

describe("an Amazon Account integration", () => {
  it("discovers every resource type of the account, every page, with tags", async () => {
    h.sandbox.resetCalls();
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-account",
      types: [...AWS_ACCOUNT_RESOURCE_TYPES],
    });
    const run = await h.waitForRun(runId);
    expect(run.state).toBe("succeeded");
    expect(run.errors).toEqual([]);
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration).toMatchObject({ status: "Active", statusMessage: null, currentSyncRunId: null });
    expect(integration.lastSyncTime).not.toBeNull();
    expect(integration.nextSyncAt!.getTime()).toBeGreaterThan(Date.now() + 5 * 3600_000);

    const roles = await resourcesOf(integrationId, "aws-account-iam-role");
    expect(roles).toHaveLength(MGMT_COUNTS.roles);
    const shared = roles.find((role) => role.name === "shared-role")!;
    expect(shared).toMatchObject({
      externalId: `arn:aws:iam::${MGMT}:role/teams/shared-role`,
      accountId: MGMT,
      region: null,
      tags: { Owner: "BOB@portcullis.dev, nobody@example.com" },
      scopeKey: "aws-account-iam-role",
      lastSyncRunId: runId,
    });
    expect(shared.metadata).toMatchObject({ path: "/teams/" });
    // Three tags, pages of two: ListRoleTags followed its marker.
    expect(roles.find((role) => role.name === "PortcullisManagementRole")!.tags).toEqual({
      owner: "alice@portcullis.dev",
      app: "portcullis",
      tier: "core",
    });

    const users = await resourcesOf(integrationId, "aws-account-iam-user");
    expect(users).toHaveLength(MGMT_COUNTS.users);
    expect(users[0]).toMatchObject({
      name: "user-0",
      tags: { owner: "alice@portcullis.dev", team: "core", tier: "gold" },
    });

    const groups = await resourcesOf(integrationId, "aws-account-iam-group");
    expect(groups).toHaveLength(MGMT_COUNTS.groups);
    expect(groups[0]).toMatchObject({
      name: "group-0",
      tags: {},
      externalId: `arn:aws:iam::${MGMT}:group/group-0`,
    });

    const buckets = await resourcesOf(integrationId, "aws-account-s3-bucket");
    expect(buckets).toHaveLength(MGMT_COUNTS.buckets);
    expect(buckets.map((b) => [b.name, b.region])).toEqual([
      ["mgmt-bucket-0", "us-east-1"],
      ["mgmt-bucket-1", "eu-west-1"],
      ["mgmt-bucket-2", "us-east-1"],
      ["mgmt-bucket-3", "eu-west-1"],
      ["mgmt-bucket-4", "us-east-1"],
    ]);
    expect(buckets[0]!.tags).toEqual({}); // NoSuchTagSet
    expect(buckets[1]).toMatchObject({ externalId: "arn:aws:s3:::mgmt-bucket-1", tags: { index: "1" } });

    const instances = await resourcesOf(integrationId, "aws-account-ec2-instance");
    expect(instances).toHaveLength(MGMT_COUNTS.instances); // the terminated one and eu-west-1 are not listed
    expect(instances[0]).toMatchObject({
      name: "app-0",
      region: REGION,
      externalId: `arn:aws:ec2:${REGION}:${MGMT}:instance/i-00000000000000000`,
      scopeKey: `aws-account-ec2-instance/${REGION}`,
    });
    expect(instances[0]!.metadata).toMatchObject({ instance_type: "t3.micro", state: "running" });

    const databases = await resourcesOf(integrationId, "aws-account-rds-instance");
    expect(databases).toHaveLength(MGMT_COUNTS.dbInstances);
    expect(databases.find((d) => d.name === "db-1")).toMatchObject({
      region: REGION,
      tags: { owner: "bob@portcullis.dev" },
    });
    expect(databases.find((d) => d.name === "db-1")!.metadata).toMatchObject({ engine: "mysql" });

    const total =
      MGMT_COUNTS.roles +
      MGMT_COUNTS.users +
      MGMT_COUNTS.groups +
      MGMT_COUNTS.buckets +
      MGMT_COUNTS.instances +
      MGMT_COUNTS.dbInstances;
    expect(run).toMatchObject({
      resourcesFound: total,
      scopesTotal: 6,
      scopesDone: 6,
      scopesFailed: 0,
      accountsFound: 1,
    });

    // Every listing took more than one page.
    const counts = h.sandbox.callCounts();
    for (const operation of [
      "iam:ListRoles",
      "iam:ListUsers",
      "iam:ListGroups",
      "s3:ListBuckets",
      "ec2:DescribeInstances",
      "rds:DescribeDBInstances",
    ]) {
      expect(counts[operation], operation).toBeGreaterThan(1);
    }
    expect(counts["iam:ListRoleTags"]).toBeGreaterThan(MGMT_COUNTS.roles);
    expect(counts["iam:ListUserTags"]).toBeGreaterThan(MGMT_COUNTS.users);
  });

  it("resolves owners from the tag against the directory, with the integration owner as fallback", async () => {
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-account",
      types: ["aws-account-iam-role"],
      owner: { attribute_type: "user", attribute_value: ["carol@portcullis.dev"] },
      ownersMapping: { key_name: "owner", attribute_type: "user" },
    });
    expect((await h.waitForRun(runId)).state).toBe("succeeded");
    const owners = Object.fromEntries(
      (await resourcesOf(integrationId, "aws-account-iam-role")).map((r) => [
        r.name,
        [r.ownerSource, r.owners],
      ]),
    );
    expect(owners).toEqual({
      PortcullisManagementRole: ["tag", ["alice@portcullis.dev"]],
      PortcullisConnectorRole: ["tag", ["alice@portcullis.dev"]],
      // Key in another case, value in another case, one unknown owner among two.
      "shared-role": ["tag", ["bob@portcullis.dev"]],
      "stranger-role": ["fallback", ["carol@portcullis.dev"]],
      "untagged-role": ["fallback", ["carol@portcullis.dev"]],
      NoSsmRole: ["fallback", ["carol@portcullis.dev"]],
      ExternalIdRole: ["fallback", ["carol@portcullis.dev"]],
      "group-owned-role": ["fallback", ["carol@portcullis.dev"]],
    });
  });

  it("resolves group owners, and records none when there is no owner at all", async () => {
    const groups = await h.createIntegration({
      type: "aws-account",
      types: ["aws-account-iam-role"],
      owner: { attribute_type: "group", attribute_value: ["Security"] },
      ownersMapping: { key_name: "owner", attribute_type: "group" },
    });
    const none = await h.createIntegration({ type: "aws-account", types: ["aws-account-iam-role"] });
    expect((await h.waitForRun(groups.runId)).state).toBe("succeeded");
    expect((await h.waitForRun(none.runId)).state).toBe("succeeded");
    const byGroup = await resourcesOf(groups.integrationId, "aws-account-iam-role");
    // A group owns through its live members (the directory's, as the fetch saw it).
    expect(byGroup.find((r) => r.name === "group-owned-role")).toMatchObject({
      ownerSource: "tag",
      owners: ["alice@portcullis.dev", "bob@portcullis.dev", "frank@portcullis.dev", "ivan@portcullis.dev"],
    });
    expect(byGroup.find((r) => r.name === "untagged-role")).toMatchObject({
      ownerSource: "fallback",
      owners: ["carol@portcullis.dev", "grace@portcullis.dev", "mallory@portcullis.dev"],
    });
    for (const resource of await resourcesOf(none.integrationId, "aws-account-iam-role")) {
      expect(resource).toMatchObject({ ownerSource: "none", owners: [] });
    }
  });

  it("reuses the assumed-role session and the clients from one fetch to the next", async () => {
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-account",
      types: ["aws-account-iam-group"],
    });
    expect((await h.waitForRun(runId)).state).toBe("succeeded");
    h.sandbox.resetCalls();
    expect((await h.waitForRun(await h.refresh(integrationId))).state).toBe("succeeded");
    const counts = h.sandbox.callCounts();
    expect(counts["sts:AssumeRole"]).toBeUndefined();
    expect(counts["sts:GetCallerIdentity"]).toBe(1);
    expect(counts["iam:ListGroups"]).toBe(3);
  });

  it("is Error, with the fix, when the connector role cannot be assumed", async () => {
    const connectorId = await h.createConnector({ roleArn: `arn:aws:iam::${MGMT}:role/DoesNotExist` });
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-account",
      types: ["aws-account-iam-role"],
      connectorId,
    });
    const run = await h.waitForRun(runId);
    expect(run.state).toBe("failed");
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration.status).toBe("Error");
    expect(integration.statusMessage).toContain(
      `The connector role arn:aws:iam::${MGMT}:role/DoesNotExist cannot be assumed`,
    );
    expect(integration.statusMessage).toContain(`external id ext-${connectorId}`);
    expect(integration.lastSyncTime).toBeNull();
    expect(run.errors).toEqual([
      expect.objectContaining({
        scope: "connector",
        code: "AccessDenied",
        fix: expect.stringContaining("trust policy"),
      }),
    ]);
    expect(await h.db.resource.count({ where: { integrationId } })).toBe(0);
  });
});
