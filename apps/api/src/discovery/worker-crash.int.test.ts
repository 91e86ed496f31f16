import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/discovery-harness.ts";
import {
  BASE_KEY,
  DATA,
  EXCLUDED_OU,
  MANAGEMENT_ROLE,
  MGMT,
  MGMT_COUNTS,
  PROD_A,
  PROD_B,
  PROD_C,
  REGION,
  SANDBOX_ACCOUNT,
  testScenario,
} from "./testing/test-scenario.ts";

const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const SCOPE_TIMEOUT_SECONDS = 6;

let h: Harness;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  h = await startHarness({ scenario: testScenario(), workers: false });
});
afterAll(async () => {
  for (const worker of workers)
    if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
  await h?.close();
});

/** A `pnpm worker` process on the test's database and sandbox, with short timeouts. */
function startWorker(name: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/worker-main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: h.database.url,
      LOG_LEVEL: "warn",
      AWS_ENDPOINT_URL: h.sandbox.url,
      AWS_ACCESS_KEY_ID: BASE_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BASE_KEY.secretAccessKey,
      AWS_REGION: REGION,
      AWS_EC2_METADATA_DISABLED: "true",
      SYNC_SCOPE_TIMEOUT_SECONDS: String(SCOPE_TIMEOUT_SECONDS),
      QUEUE_MAINTENANCE_SECONDS: "1",
      JOB_POLL_INTERVAL_MS: "200",
      DISCOVERY_BATCH_SIZE: "2",
      // The hang must outlast the kill, not end in a request timeout.
      DISCOVERY_REQUEST_TIMEOUT_MS: "60000",
      DISCOVERY_RATE_LIMITS: "organizations=100/50",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  child.on("error", (error) => console.error(`worker ${name}:`, error));
  workers.push(child);
  return child;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a worker killed mid-fetch", () => {
  it("has its scope picked up by another worker, with no duplicate resources", async () => {
    // S3 in PROD_A hangs, so the worker is stuck inside that account's scope, its roles written.
    h.sandbox.setFaults([{ type: "hang", service: "s3", accountId: PROD_A }]);
    const hung = new Promise<void>((resolve) => {
      const off = h.sandbox.on("hang", () => {
        off();
        resolve();
      });
    });
    const { integrationId, runId } = await h.createIntegration({
      type: "aws-organization",
      types: ["aws-organization-iam-role", "aws-organization-s3-bucket"],
      config: {
        region: REGION,
        sso_region: REGION,
        sso_portal: "https://d-test000001.awsapps.com/start",
        management_account_role_arn: MANAGEMENT_ROLE,
        excluded_organization_unit_ids: EXCLUDED_OU,
      },
    });

    const first = startWorker("A");
    await hung;
    await until("the roles of the hung account", async () => {
      const roles = await h.db.resource.count({
        where: { integrationId, accountId: PROD_A, type: "aws-organization-iam-role" },
      });
      return roles === 4;
    });
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    h.sandbox.clearFaults();
    const stuck = await h.db.syncScope.findUniqueOrThrow({
      where: { runId_key: { runId, key: `account/${PROD_A}` } },
    });
    expect(stuck.state).toBe("running");

    startWorker("B");
    const run = await h.waitForRun(runId, 60_000);
    expect(run.state).toBe("succeeded");
    const retried = await h.db.syncScope.findUniqueOrThrow({
      where: { runId_key: { runId, key: `account/${PROD_A}` } },
    });
    expect(retried.state).toBe("done");
    expect(retried.attempts).toBeGreaterThan(stuck.attempts);

    // Every role and bucket once: the management account's, and 4 roles and 3 buckets per member.
    const rows = await h.db.$queryRawUnsafe<
      Array<{ account_id: string; type: string; n: number; distinct_ids: number }>
    >(
      `SELECT account_id, type, count(*)::int AS n, count(DISTINCT external_id)::int AS distinct_ids
       FROM resources WHERE integration_id = $1::uuid GROUP BY account_id, type ORDER BY account_id, type`,
      integrationId,
    );
    for (const row of rows) expect(row.n).toBe(row.distinct_ids);
    const counts = Object.fromEntries(
      rows.map((row) => [`${row.account_id} ${row.type.replace("aws-organization-", "")}`, row.n]),
    );
    const expected: Record<string, number> = {
      [`${MGMT} iam-role`]: MGMT_COUNTS.roles,
      [`${MGMT} s3-bucket`]: MGMT_COUNTS.buckets,
    };
    for (const account of [PROD_A, PROD_B, PROD_C, DATA, SANDBOX_ACCOUNT]) {
      expected[`${account} iam-role`] = 4;
      expected[`${account} s3-bucket`] = 3;
    }
    expect(counts).toEqual(expected);
    expect(run.resourcesFound).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
  });
});
