import { AWS_ORGANIZATION_RESOURCE_TYPES } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/discovery-harness.ts";
import { EXCLUDED_OU, MANAGEMENT_ROLE, REGION, testScenario } from "./testing/test-scenario.ts";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ scenario: testScenario() });
});
afterAll(async () => {
  await h?.close();
});

const config = {
  region: REGION,
  sso_region: REGION,
  sso_portal: "https://d-test000001.awsapps.com/start",
  management_account_role_arn: MANAGEMENT_ROLE,
  excluded_organization_unit_ids: EXCLUDED_OU,
};

async function snapshot(integrationId: string) {
  const rows = await h.db.resource.findMany({
    where: { integrationId },
    select: { type: true, externalId: true, name: true, tags: true, ownerSource: true },
    orderBy: [{ type: "asc" }, { externalId: "asc" }],
  });
  return rows;
}

describe("a throttling storm", () => {
  it("loses nothing when 20% of all AWS calls are throttled", async () => {
    const calm = await h.createIntegration({
      type: "aws-organization",
      types: [...AWS_ORGANIZATION_RESOURCE_TYPES],
      config,
    });
    expect((await h.waitForRun(calm.runId)).state).toBe("succeeded");
    const expected = await snapshot(calm.integrationId);

    h.sandbox.resetCalls();
    h.sandbox.setFaults([{ type: "throttle", probability: 0.2 }]);
    const stormy = await h.createIntegration({
      type: "aws-organization",
      types: [...AWS_ORGANIZATION_RESOURCE_TYPES],
      config,
    });
    const run = await h.waitForRun(stormy.runId, 60_000);
    h.sandbox.clearFaults();

    expect(run.state).toBe("succeeded");
    expect(run.errors).toEqual([]);
    expect(await snapshot(stormy.integrationId)).toEqual(expected);
    // The storm did happen (about one call in five of ~150; IAM alone makes ~60).
    expect(h.sandbox.callCount({ throttled: true })).toBeGreaterThan(5);
    expect(h.sandbox.callCount({ service: "iam", throttled: true })).toBeGreaterThan(0);
  });
});
