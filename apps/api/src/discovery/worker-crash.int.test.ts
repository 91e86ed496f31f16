import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Spawned, spawnEntry, waitForOutput } from "../../test/process.ts";
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

/** Issue #20: a killed worker's fetch is taken over within a minute (not at its 30-minute expiry). */
const TAKEOVER_GOAL_MS = 60_000;
/** A drill: the fetch up to the hang, the takeover, the checks after. */
const DRILL_TIMEOUT_MS = 180_000;

let h: Harness;
const workers: Spawned[] = [];

beforeAll(async () => {
  h = await startHarness({ scenario: testScenario(), workers: false });
});
afterAll(async () => {
  for (const { child } of workers)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await h?.close();
});

/**
 * A `pnpm worker` process on the test's database and sandbox. The job timeouts are the
 * defaults (a scope may run 30 minutes) unless `env` shortens them, so only the liveness
 * records can explain a quick takeover.
 */
function startWorker(env: Record<string, string> = {}): Spawned {
  const worker = spawnEntry(
    "apps/api/src/worker-main.ts",
    {
      DATABASE_URL: h.database.url,
      AWS_ENDPOINT_URL: h.sandbox.url,
      AWS_ACCESS_KEY_ID: BASE_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BASE_KEY.secretAccessKey,
      AWS_REGION: REGION,
      DISCOVERY_BATCH_SIZE: "2",
      // The hang must outlast the kill, not end in a request timeout.
      DISCOVERY_REQUEST_TIMEOUT_MS: "60000",
      DISCOVERY_RATE_LIMITS: "organizations=100/50",
      ...env,
    },
    { cleanEnv: true },
  );
  workers.push(worker);
  return worker;
}

async function kill(worker: Spawned): Promise<void> {
  worker.child.kill("SIGKILL");
  await worker.exited;
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

/** Workers whose liveness record is fresh. */
async function liveWorkerPids(): Promise<number[]> {
  const rows = await h.db.jobWorker.findMany({
    where: { lastSeenAt: { gte: new Date(Date.now() - 15_000) } },
    select: { pid: true },
  });
  return rows.map((row) => row.pid);
}

/**
 * An organization's first fetch, with the worker stuck inside PROD_A's scope (its S3 hangs)
 * after writing that account's roles; the other scopes are done or under way.
 */
async function fetchHungInProdA(env: Record<string, string> = {}) {
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
  const worker = startWorker(env);
  await hung;
  await until("the roles of the hung account", async () => {
    const roles = await h.db.resource.count({
      where: { integrationId, accountId: PROD_A, type: "aws-organization-iam-role" },
    });
    return roles === 4;
  });
  return { integrationId, runId, worker };
}

async function scopeOfProdA(runId: string) {
  return h.db.syncScope.findUniqueOrThrow({ where: { runId_key: { runId, key: `account/${PROD_A}` } } });
}

/** Resolves with the milliseconds from `since` until the integration is Active. */
async function activeAfter(integrationId: string, since: number): Promise<number> {
  await until(
    "the integration to be Active",
    async () =>
      (await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } })).status === "Active",
    TAKEOVER_GOAL_MS,
  );
  return Date.now() - since;
}

/** Every role and bucket once: the management account's, and 4 roles and 3 buckets per member. */
async function expectEveryResourceOnce(integrationId: string, resourcesFound: number) {
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
  expect(resourcesFound).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
}

describe("a worker killed mid-fetch", () => {
  it(
    "has its scope retried at once on a restart, and is Active within a minute",
    async () => {
      const { integrationId, runId, worker } = await fetchHungInProdA();
      await kill(worker);
      h.sandbox.clearFaults();
      const stuck = await scopeOfProdA(runId);
      expect(stuck.state).toBe("running");
      expect((await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } })).status).toBe(
        "Initializing",
      );

      const restartedAt = Date.now();
      const restarted = startWorker();
      const tookMs = await activeAfter(integrationId, restartedAt);
      console.info(`restart: Active ${(tookMs / 1000).toFixed(1)} s after the restart`);
      // Its log comes through a pipe and may trail the rows it wrote: wait for it.
      await waitForOutput(restarted, (output) => /retrying the jobs of dead workers/.test(output), 30_000);

      const run = await h.waitForRun(runId);
      expect(run.state).toBe("succeeded");
      const retried = await scopeOfProdA(runId);
      expect(retried.state).toBe("done");
      expect(retried.attempts).toBeGreaterThan(stuck.attempts);
      await expectEveryResourceOnce(integrationId, run.resourcesFound);
      await kill(restarted);
    },
    DRILL_TIMEOUT_MS,
  );

  it(
    "has its scope taken over by another live worker, with no restart, within a minute",
    async () => {
      const { integrationId, runId, worker } = await fetchHungInProdA();
      const other = startWorker();
      await until("the other worker's liveness record", async () =>
        (await liveWorkerPids()).includes(other.child.pid!),
      );
      h.sandbox.clearFaults();
      const stuck = await scopeOfProdA(runId);
      expect(stuck.state).toBe("running");

      const killedAt = Date.now();
      await kill(worker);
      const tookMs = await activeAfter(integrationId, killedAt);
      console.info(`other worker: Active ${(tookMs / 1000).toFixed(1)} s after the kill`);
      // Its log comes through a pipe and may trail the rows it wrote: wait for it.
      await waitForOutput(other, (output) => /retrying the jobs of dead workers/.test(output), 30_000);

      const run = await h.waitForRun(runId);
      expect(run.state).toBe("succeeded");
      const retried = await scopeOfProdA(runId);
      expect(retried.state).toBe("done");
      expect(retried.attempts).toBeGreaterThan(stuck.attempts);
      await expectEveryResourceOnce(integrationId, run.resourcesFound);
      await kill(other);
    },
    DRILL_TIMEOUT_MS,
  );

  it(
    "has a scope whose job expires picked up by another worker, with no duplicate resources",
    async () => {
      // A scope timeout shorter than the liveness threshold: the job's expiry is what gives it up.
      const short = {
        SYNC_SCOPE_TIMEOUT_SECONDS: "6",
        QUEUE_MAINTENANCE_SECONDS: "1",
        JOB_POLL_INTERVAL_MS: "200",
      };
      const { integrationId, runId, worker } = await fetchHungInProdA(short);
      await kill(worker);
      h.sandbox.clearFaults();
      const stuck = await scopeOfProdA(runId);
      expect(stuck.state).toBe("running");

      const other = startWorker(short);
      const run = await h.waitForRun(runId, 60_000);
      expect(run.state).toBe("succeeded");
      const retried = await scopeOfProdA(runId);
      expect(retried.state).toBe("done");
      expect(retried.attempts).toBeGreaterThan(stuck.attempts);
      await expectEveryResourceOnce(integrationId, run.resourcesFound);
      await kill(other);
    },
    DRILL_TIMEOUT_MS,
  );
});
