import { ListRootsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { SERVICE_NAMES } from "../services/service-name.ts";
import { callService } from "../test-support/all-clients.ts";
import { clientConfig, sessionCredentials } from "../test-support/clients.ts";
import { MEMBER, MGMT, testScenario } from "../test-support/test-scenario.ts";

let now = Date.parse("2025-06-01T12:00:00Z");
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario(), seed: 42, clock: () => now });
});
afterAll(() => sandbox.close());
afterEach(() => {
  sandbox.clearFaults();
  sandbox.resetCalls();
});

const once = { maxAttempts: 1 };

describe("faults", () => {
  it("throttles with each service's real error code", async () => {
    sandbox.setFaults([{ type: "throttle" }]);
    const expected = {
      sts: ["Throttling", 400],
      iam: ["Throttling", 400],
      rds: ["Throttling", 400],
      ec2: ["RequestLimitExceeded", 503],
      s3: ["SlowDown", 503],
      organizations: ["TooManyRequestsException", 400],
      sso: ["ThrottlingException", 400],
      identitystore: ["ThrottlingException", 400],
      cloudtrail: ["ThrottlingException", 400],
    } as const;
    for (const service of SERVICE_NAMES) {
      const [name, status] = expected[service];
      await expect(callService(sandbox, service, once), service).rejects.toMatchObject({
        name,
        $metadata: { httpStatusCode: status },
      });
    }
    expect(sandbox.callCount({ throttled: true })).toBe(SERVICE_NAMES.length);
  });

  it("the SDK's default retries get past a throttle and a 5xx", async () => {
    sandbox.setFaults([
      // One rule per service so each service's first call is the one throttled.
      { type: "throttle", service: "iam", count: 1 },
      { type: "throttle", service: "organizations", count: 1 },
      { type: "throttle", service: "s3", count: 1 },
      { type: "error", service: "ec2", count: 1 },
    ]);
    await Promise.all([
      callService(sandbox, "iam"),
      callService(sandbox, "organizations"),
      callService(sandbox, "s3"),
      callService(sandbox, "ec2"),
    ]);
    expect(sandbox.callCount({ throttled: true })).toBe(3);
    expect(sandbox.callCount({ errorCode: "InternalError" })).toBe(1);
    expect(sandbox.callCount()).toBe(8);
  });

  it("injects 5xx errors, by count or with a custom code", async () => {
    sandbox.setFaults([{ type: "error", service: "iam", count: 1 }]);
    await expect(callService(sandbox, "iam", once)).rejects.toMatchObject({
      name: "InternalFailure",
      $metadata: { httpStatusCode: 500 },
    });
    await expect(callService(sandbox, "iam", once)).resolves.toBeTruthy();
    sandbox.setFaults([{ type: "error", code: "ServiceUnavailable", status: 503 }]);
    await expect(callService(sandbox, "sts", once)).rejects.toMatchObject({
      name: "ServiceUnavailable",
      $metadata: { httpStatusCode: 503 },
    });
    await expect(callService(sandbox, "organizations", once)).rejects.toMatchObject({
      name: "ServiceUnavailable",
    });
  });

  it("throttles a share of calls with probability", async () => {
    sandbox.setFaults([{ type: "throttle", probability: 0.2 }]);
    const sts = new STSClient(clientConfig(sandbox, once));
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => sts.send(new GetCallerIdentityCommand({}))),
    );
    const throttled = results.filter((r) => r.status === "rejected").length;
    expect(throttled).toBeGreaterThan(8);
    expect(throttled).toBeLessThan(35);
    expect(sandbox.callCount({ throttled: true })).toBe(throttled);
  });

  it("token buckets throttle per account and region and refill over time", async () => {
    sandbox.setFaults([
      { type: "rate-limit", service: "ec2", burst: 3, refillPerSecond: 1, per: "account-region" },
    ]);
    for (let i = 0; i < 3; i++) await callService(sandbox, "ec2", once);
    await expect(callService(sandbox, "ec2", once)).rejects.toMatchObject({ name: "RequestLimitExceeded" });
    // Another region has its own bucket.
    await expect(callService(sandbox, "ec2", { ...once, region: "eu-west-1" })).resolves.toBeTruthy();
    now += 1000;
    await expect(callService(sandbox, "ec2", once)).resolves.toBeTruthy();
    await expect(callService(sandbox, "ec2", once)).rejects.toMatchObject({ name: "RequestLimitExceeded" });
  });

  it("an organization-wide bucket is shared by every account", async () => {
    sandbox.setFaults([
      { type: "rate-limit", service: "iam", burst: 1, refillPerSecond: 0, per: "organization" },
    ]);
    await callService(sandbox, "iam", once);
    const member = await assumeMember();
    await expect(callService(sandbox, "iam", { ...once, credentials: member })).rejects.toMatchObject({
      name: "Throttling",
    });
  });

  it("adds fixed or ranged latency", async () => {
    sandbox.setFaults([{ type: "latency", service: "sts", ms: 60 }]);
    await callService(sandbox, "sts");
    sandbox.setFaults([{ type: "latency", service: "sts", ms: [20, 30] }]);
    await callService(sandbox, "sts");
    const [fixed, ranged] = sandbox.calls({ service: "sts" });
    // The delay the sandbox chose is checked exactly; the wall time only from below, as a
    // loaded machine may add any amount to it.
    expect(fixed!.injectedDelayMs).toBe(60);
    expect(fixed!.durationMs).toBeGreaterThanOrEqual(59);
    expect(ranged!.injectedDelayMs).toBeGreaterThanOrEqual(20);
    expect(ranged!.injectedDelayMs).toBeLessThanOrEqual(30);
    expect(ranged!.durationMs).toBeGreaterThanOrEqual(ranged!.injectedDelayMs! - 1);
  });

  it("rejects a concurrent call to the same Organizations API", async () => {
    sandbox.setFaults([
      { type: "latency", service: "organizations", ms: 50 },
      { type: "single-flight", service: "organizations" },
    ]);
    const client = new OrganizationsClient(clientConfig(sandbox, once));
    const results = await Promise.allSettled([
      client.send(new ListRootsCommand({})),
      client.send(new ListRootsCommand({})),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({
      name: "TooManyRequestsException",
      message: expect.stringContaining("another request is already in progress"),
    });
    // Once the first call is answered the slot is free again.
    await expect(client.send(new ListRootsCommand({}))).resolves.toBeTruthy();
  });

  it("matches rules by account, including AssumeRole's target account", async () => {
    sandbox.setFaults([{ type: "error", accountId: MEMBER }]);
    const sts = new STSClient(clientConfig(sandbox, once));
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
          RoleSessionName: "x",
        }),
      ),
    ).rejects.toMatchObject({ name: "InternalFailure" });
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: MGMT });
    sandbox.clearFaults();
    const member = await assumeMember();
    sandbox.setFaults([{ type: "throttle", accountId: MEMBER, operation: "ListRoles" }]);
    await expect(callService(sandbox, "iam", { ...once, credentials: member })).rejects.toMatchObject({
      name: "Throttling",
    });
    await expect(callService(sandbox, "iam", once)).resolves.toBeTruthy();
    await expect(callService(sandbox, "ec2", { ...once, credentials: member })).resolves.toBeTruthy();
  });

  it("exposes and replaces rules at runtime", async () => {
    sandbox.setFaults([{ type: "throttle", service: "sts" }]);
    sandbox.addFault({ type: "latency", ms: 1 });
    expect(sandbox.faults()).toHaveLength(2);
    sandbox.setFaults([]);
    await expect(callService(sandbox, "sts", once)).resolves.toBeTruthy();
  });
});

async function assumeMember() {
  const sts = new STSClient(clientConfig(sandbox));
  const result = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
      RoleSessionName: "faults",
    }),
  );
  return sessionCredentials(result.Credentials);
}
