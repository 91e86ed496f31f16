import type { Scenario } from "@portcullis/aws-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncStore } from "./sync/sync-store.ts";
import { type Harness, startHarness } from "./testing/discovery-harness.ts";
import {
  EXCLUDED_OU,
  MANAGEMENT_ROLE,
  MGMT,
  PROD_A,
  REGION,
  SANDBOX_ACCOUNT,
  testScenario,
} from "./testing/test-scenario.ts";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ scenario: testScenario() });
});
afterAll(async () => {
  await h?.close();
});

/** The scenario after some changes in AWS: a role and an instance deleted, an account moved. */
function changedScenario(): Scenario {
  const scenario = testScenario();
  const mgmt = scenario.accounts[MGMT]!;
  mgmt.roles = mgmt.roles!.filter((role) => role.name !== "stranger-role");
  const east = mgmt.regions!["us-east-1"]!;
  east.instances = east.instances!.filter((instance) => instance.id !== "i-00000000000000001");
  const root = scenario.organization!.root;
  const sandboxOu = root.ous!.find((ou) => ou.name === "Sandbox")!;
  sandboxOu.accounts = [];
  root.ous!.find((ou) => ou.id === EXCLUDED_OU)!.accounts!.push(SANDBOX_ACCOUNT);
  scenario.accounts[PROD_A]!.buckets!.pop();
  return scenario;
}

const names = async (integrationId: string, type: string) =>
  (await h.db.resource.findMany({ where: { integrationId, type }, select: { name: true } }))
    .map((r) => r.name)
    .sort();

describe("a resync", () => {
  it("knows the scopes an earlier run of the integration had (the writer upserts those, appends the rest)", async () => {
    await h.replaceScenario(testScenario());
    const first = await h.createIntegration({ type: "aws-account", types: ["aws-account-iam-role"] });
    const other = await h.createIntegration({ type: "aws-account", types: ["aws-account-iam-role"] });
    expect((await h.waitForRun(first.runId)).state).toBe("succeeded");
    expect((await h.waitForRun(other.runId)).state).toBe("succeeded");
    const [scope] = await h.db.syncScope.findMany({ where: { runId: first.runId } });
    const store = syncStore(h.db, h.queue);
    // Its own run is not "before"; neither is another integration's run of the same key.
    expect(await store.scopeFetchedBefore(first.runId, scope!.key)).toBe(false);
    const second = await h.refresh(first.integrationId);
    expect(await store.scopeFetchedBefore(second, scope!.key)).toBe(true);
    expect(await store.scopeFetchedBefore(second, "aws-account-s3-bucket/global")).toBe(false);
    expect((await h.waitForRun(second)).state).toBe("succeeded");
  });

  it("removes what disappeared, but only where the scope was fetched successfully", async () => {
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-account",
      types: ["aws-account-iam-role", "aws-account-ec2-instance"],
    });
    expect((await h.waitForRun(runId)).state).toBe("succeeded");
    expect(await names(integrationId, "aws-account-iam-role")).toContain("stranger-role");
    expect(await names(integrationId, "aws-account-ec2-instance")).toHaveLength(7);
    const firstSeen = await h.db.resource.findFirstOrThrow({
      where: { integrationId, name: "untagged-role" },
    });

    // AWS changed, and EC2 now refuses the connector role: that scope fails, the other succeeds.
    await h.replaceScenario(changedScenario(), [
      {
        type: "error",
        service: "ec2",
        code: "UnauthorizedOperation",
        status: 403,
        message: "You are not authorized",
      },
    ]);
    const second = await h.waitForRun(await h.refresh(integrationId));
    expect(second.state).toBe("partial");
    expect(await names(integrationId, "aws-account-iam-role")).not.toContain("stranger-role");
    // The failed scope keeps the data of the last fetch, the deleted instance included.
    expect(await names(integrationId, "aws-account-ec2-instance")).toHaveLength(7);
    expect(second.errors).toEqual([
      {
        scope: `aws-account-ec2-instance/${REGION}`,
        account_id: MGMT,
        region: REGION,
        resource_type: "aws-account-ec2-instance",
        code: "UnauthorizedOperation",
        message: expect.stringContaining(
          "Access denied while listing EC2 instances in account 111111111111 (us-east-1)",
        ),
        fix: "Allow ec2:DescribeInstances for arn:aws:iam::111111111111:role/PortcullisConnectorRole.",
      },
    ]);
    const integration = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(integration.status).toBe("Warning");
    expect(integration.statusMessage).toContain("1 of 2 scopes could not be fetched");
    // Still the same row, seen again.
    const again = await h.db.resource.findFirstOrThrow({ where: { integrationId, name: "untagged-role" } });
    expect(again.id).toBe(firstSeen.id);
    expect(again.firstSeen).toEqual(firstSeen.firstSeen);
    expect(again.lastSeen.getTime()).toBeGreaterThan(firstSeen.lastSeen.getTime());

    // EC2 answers again: the deleted instance goes.
    await h.replaceScenario(changedScenario());
    const third = await h.waitForRun(await h.refresh(integrationId));
    expect(third.state).toBe("succeeded");
    expect(await names(integrationId, "aws-account-ec2-instance")).not.toContain("app-1");
    expect(await names(integrationId, "aws-account-ec2-instance")).toHaveLength(6);
    expect((await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } })).status).toBe(
      "Active",
    );
  });

  it("drops an account moved into an excluded OU, and a deselected type", async () => {
    await h.replaceScenario(testScenario());
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-organization",
      types: ["aws-organization-account", "aws-organization-s3-bucket"],
      config: {
        region: REGION,
        sso_region: REGION,
        sso_portal: "https://d-test000001.awsapps.com/start",
        management_account_role_arn: MANAGEMENT_ROLE,
        excluded_organization_unit_ids: EXCLUDED_OU,
      },
    });
    expect((await h.waitForRun(runId)).state).toBe("succeeded");
    const before = await h.db.resource.findMany({ where: { integrationId, accountId: SANDBOX_ACCOUNT } });
    expect(before.length).toBe(4); // the account and its three buckets
    expect(await names(integrationId, "aws-organization-s3-bucket")).toContain("prod-a-bucket-c");

    await h.replaceScenario(changedScenario());
    const second = await h.waitForRun(await h.refresh(integrationId));
    expect(second.state).toBe("succeeded");
    expect(await h.db.resource.count({ where: { integrationId, accountId: SANDBOX_ACCOUNT } })).toBe(0);
    expect(await names(integrationId, "aws-organization-s3-bucket")).not.toContain("prod-a-bucket-c");

    await h.db.integration.update({
      where: { id: integrationId },
      data: { connectedResourceTypes: ["aws-organization-account"] },
    });
    const third = await h.waitForRun(await h.refresh(integrationId));
    expect(third.state).toBe("succeeded");
    expect(await h.db.resource.count({ where: { integrationId, type: "aws-organization-s3-bucket" } })).toBe(
      0,
    );
    expect(
      await h.db.resource.count({ where: { integrationId, type: "aws-organization-account" } }),
    ).toBeGreaterThan(0);
  });
});
