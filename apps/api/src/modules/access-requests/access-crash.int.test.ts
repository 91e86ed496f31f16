import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, silentLogger, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { type Spawned, spawnEntry, waitForOutput } from "../../../test/process.ts";
import type { GrantingHarness } from "../../granting/testing/granting-harness.ts";
import {
  BASE_KEY,
  MEMBER_A,
  MGMT,
  permissionSetArn,
  REGION,
  userId,
} from "../../granting/testing/granting-scenario.ts";
import { secretBox } from "../../lib/secret-box.ts";
import { accessJobs } from "./access-jobs.ts";
import { TEST_SECRETS, until } from "./test/access-fixtures.ts";
import {
  type AwsPerson,
  ownerApprovedFlow,
  seedAwsIntegrations,
  seedAwsPeople,
  startSpineSandbox,
} from "./test/aws-access-fixtures.ts";

// Issue #18 §6 drills: a real `pnpm worker` process (worker-main, the AWS granter on the sandbox)
// SIGKILLed while Identity Center is granting, then while it is revoking. The job is retried once
// the worker's liveness record goes stale (here 1 s heartbeats, dead after 3 s, so the drill is
// short; the mechanism is the default one), and the grant converges: the request ends GRANTED, then
// EXPIRED, with exactly one assignment while granted and nothing left behind after.

const DRILL_TIMEOUT_MS = 180_000;

let t: TestApp;
let h: GrantingHarness;
let callers: Callers;
let people: Record<string, AwsPerson>;
let seeded: Awaited<ReturnType<typeof seedAwsIntegrations>>;
const workers: Spawned[] = [];

beforeAll(async () => {
  h = await startSpineSandbox();
  t = await createTestApp(TEST_SECRETS);
  callers = await setUpCallers(t.database.db);
  people = await seedAwsPeople(t, { requester: 2, owner: 3 });
  seeded = await seedAwsIntegrations(t, people.owner!.email);
  const flow = await call(t.app, callers.admin, {
    method: "POST",
    url: "/api/admin/v2/access-flows",
    payload: ownerApprovedFlow(seeded.org.name, seeded.account.name),
  });
  expect(flow.statusCode, flow.body).toBe(201);
});
afterAll(async () => {
  for (const { child } of workers)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await t?.close();
  await h?.close();
});

function startWorker(): Spawned {
  const worker = spawnEntry(
    "apps/api/src/worker-main.ts",
    {
      DATABASE_URL: t.database.url,
      SECRETS_KEY: TEST_SECRETS.SECRETS_KEY,
      AWS_ENDPOINT_URL: h.sandbox.url,
      AWS_ACCESS_KEY_ID: BASE_KEY.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BASE_KEY.secretAccessKey,
      AWS_REGION: REGION,
      // The hang must outlast the kill, not end in a request timeout.
      DISCOVERY_REQUEST_TIMEOUT_MS: "60000",
      WORKER_HEARTBEAT_SECONDS: "1",
      WORKER_DEAD_AFTER_SECONDS: "3",
    },
    { cleanEnv: true },
  );
  workers.push(worker);
  return worker;
}

async function kill(worker: Spawned) {
  worker.child.kill("SIGKILL");
  await worker.exited;
}

/** Resolves when the sandbox holds a call to `operation` unanswered. */
function hangOn(operation: string): Promise<void> {
  h.sandbox.setFaults([{ type: "hang", service: "sso", operation }]);
  return new Promise((resolve) => {
    const off = h.sandbox.on("hang", () => {
      off();
      resolve();
    });
  });
}

const assignments = () =>
  h.sandbox.state.assignments
    .list({ accountId: MEMBER_A })
    .map((a) => `${a.accountId}|${a.permissionSetArn}|${a.principalId}`);
const managedUsers = () => h.sandbox.state.iam.users(MGMT).filter((u) => u.path === "/portcullis/");
const requestRow = (id: string) =>
  t.database.db.accessRequest.findUniqueOrThrow({ where: { id }, include: { entitlements: true } });

describe("kill -9 of the worker while granting and while revoking", () => {
  it(
    "converges after each kill: granted once, then expired with nothing left behind",
    async () => {
      const created = await call(t.app, people.requester!.caller, {
        method: "POST",
        url: "/api/user/v4/access-requests",
        payload: {
          entitlements: [
            { resource_id: seeded.memberAccount.id, permission_id: "PermissionSet0" },
            { resource_id: seeded.role.id, permission_id: "assume" },
          ],
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const [req] = created.json();

      // Granting: Identity Center accepted the assignment; the worker dies while polling its status.
      const grantHung = hangOn("DescribeAccountAssignmentCreationStatus");
      const first = startWorker();
      const approved = await call(t.app, people.owner!.caller, {
        method: "POST",
        url: `/api/user/v4/access-requests/${req.id}/approve`,
        payload: {},
      });
      expect(approved.statusCode, approved.body).toBe(200);
      await grantHung;
      await kill(first);
      h.sandbox.clearFaults();
      expect((await requestRow(req.id)).status).toBe("GRANTING");

      const second = startWorker();
      await until(async () => {
        const row = await requestRow(req.id);
        if (row.status === "FAILED") throw new Error(`grant failed: ${row.failureReason}`);
        return row.status === "GRANTED";
      });
      // The worker logs the takeover before it runs the job again, but its log reaches this
      // process through a pipe, after the row it then wrote may already be read here.
      await waitForOutput(second, (output) => /retrying the jobs of dead workers/.test(output), 30_000);
      expect((await requestRow(req.id)).entitlements.map((e) => e.status)).toEqual(["GRANTED", "GRANTED"]);
      expect(assignments()).toEqual([`${MEMBER_A}|${permissionSetArn(0)}|${userId(2)}`]);
      const [user] = managedUsers();
      expect(user?.policies.size).toBe(1);
      expect(user?.keys).toHaveLength(1);

      // Revoking: expiry reached; the worker dies while Identity Center deletes the assignment.
      const revokeHung = hangOn("DescribeAccountAssignmentDeletionStatus");
      await t.database.db.accessRequest.update({
        where: { id: req.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const sweeper = accessJobs({
        db: t.database.db,
        queue: t.queue,
        logger: silentLogger,
        granter: h.granter,
        secrets: secretBox({ secretsKey: t.config.SECRETS_KEY, dataDir: t.config.DATA_DIR }),
      });
      expect((await sweeper.sweep()).expired).toEqual([req.id]);
      await revokeHung;
      await kill(second);
      h.sandbox.clearFaults();
      expect((await requestRow(req.id)).status).toBe("REVOKING");

      const third = startWorker();
      await until(async () => (await requestRow(req.id)).status === "EXPIRED");
      // The worker logs the takeover before it runs the job again, but its log reaches this
      // process through a pipe, after the row it then wrote may already be read here.
      await waitForOutput(third, (output) => /retrying the jobs of dead workers/.test(output), 30_000);
      expect((await requestRow(req.id)).entitlements.map((e) => e.status)).toEqual(["EXPIRED", "EXPIRED"]);
      expect(assignments()).toEqual([]);
      expect(managedUsers().map((u) => u.policies.size)).toEqual([0]);
      expect(h.sandbox.state.assignments.list({}).length).toBe(0);
      await kill(third);
    },
    DRILL_TIMEOUT_MS,
  );
});
