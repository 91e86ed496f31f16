import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { DEFAULT_JOB_TIMING } from "./job-timing.ts";
import { startQueue } from "./pg-boss-queue.ts";
import type { JobDelivery, Queue } from "./queue.ts";
import { WorkerDeclaredDeadError } from "./worker-loop.ts";

// The recovery is generic: connector checks stand in here for any queue (fetches, grants, revokes).
const silent = pino({ level: "silent" });
const DEAD_AFTER_SECONDS = 3;

let database: TestDatabase;
let queue: Queue;

beforeAll(async () => {
  database = await createTestDatabase();
  queue = await startQueue(database.url, silent, {
    schedule: false,
    timing: { ...DEFAULT_JOB_TIMING, workerHeartbeatSeconds: 1, workerDeadAfterSeconds: DEAD_AFTER_SECONDS },
  });
});
afterAll(async () => {
  await queue?.stop();
  await database?.drop();
});

type JobRow = { state: string; retry_count: number; output: { name?: string } | null };

async function job(id: string): Promise<JobRow> {
  const rows = await database.db.$queryRawUnsafe<JobRow[]>(
    `SELECT state::text AS state, retry_count, output FROM pgboss.job WHERE id = $1::uuid`,
    id,
  );
  return rows[0]!;
}

/** A worker record last heard of `secondsAgo` ago. */
async function workerSeen(secondsAgo: number): Promise<string> {
  const id = randomUUID();
  await database.db.$executeRawUnsafe(
    `INSERT INTO job_workers (id, pid, host, started_at, last_seen_at)
     VALUES ($1::uuid, 1, 'elsewhere', now() - interval '1 hour', now() - make_interval(secs => $2))`,
    id,
    secondsAgo,
  );
  return id;
}

/** A queued connector check, made active as a worker's fetch makes it, `startedSecondsAgo` ago. */
async function activeJob(startedSecondsAgo: number, claim?: { workerId: string; attempt?: number }) {
  const id = (await queue.send("connector.check", { connectorId: randomUUID() }))!;
  await database.db.$executeRawUnsafe(
    `UPDATE pgboss.job SET state = 'active', started_on = now() - make_interval(secs => $2) WHERE id = $1::uuid`,
    id,
    startedSecondsAgo,
  );
  if (claim) {
    await database.db.$executeRawUnsafe(
      `INSERT INTO job_claims (job_id, queue, attempt, worker_id) VALUES ($1::uuid, 'connector.check', $2, $3::uuid)`,
      id,
      claim.attempt ?? 0,
      claim.workerId,
    );
  }
  return id;
}

describe("worker liveness", () => {
  it("fails the running jobs of dead workers into a retry, once, and leaves live workers' jobs alone", async () => {
    const dead = await workerSeen(60);
    const live = await workerSeen(0);
    const ofDead = await activeJob(60, { workerId: dead });
    const ofLive = await activeJob(60, { workerId: live });
    const unclaimedOld = await activeJob(60);
    const unclaimedNew = await activeJob(0);
    // The live worker's claim is of an earlier attempt: the current one is nobody's.
    const staleClaim = await activeJob(60, { workerId: live, attempt: 5 });

    const recovered = await queue.recoverDeadWorkers();
    expect(recovered.map((entry) => entry.id).sort()).toEqual([ofDead, unclaimedOld, staleClaim].sort());
    for (const id of [ofDead, unclaimedOld, staleClaim]) {
      expect(await job(id)).toMatchObject({ state: "retry", retry_count: 0, output: { name: "WorkerDied" } });
    }
    for (const id of [ofLive, unclaimedNew]) expect((await job(id)).state).toBe("active");
    expect(await database.db.jobWorker.findUnique({ where: { id: dead } })).toBeNull();
    expect(await database.db.jobWorker.findUnique({ where: { id: live } })).not.toBeNull();

    // Nothing is failed twice: a second pass (another process's) finds nothing left to do.
    expect(await queue.recoverDeadWorkers()).toEqual([]);
    expect((await job(ofDead)).state).toBe("retry");
  });

  it("gives a worker a fresh record and claims, and makes one taken for dead drop its jobs", async () => {
    let running: JobDelivery | undefined;
    let finished = false;
    await queue.work("connector.check", async (payload, delivery) => {
      // The first test's jobs, retried: nothing to hold.
      if (payload.connectorId !== "held") return;
      running = delivery;
      await new Promise((resolve) => delivery.signal.addEventListener("abort", resolve));
      finished = true;
    });
    const id = (await queue.send("connector.check", { connectorId: "held" }))!;
    queue.wake("connector.check");
    await until(() => running?.id === id);
    const claim = await database.db.jobClaim.findUniqueOrThrow({ where: { jobId: id } });
    const worker = await database.db.jobWorker.findUniqueOrThrow({ where: { id: claim.workerId } });
    expect(worker.pid).toBe(process.pid);

    // Another process took this one for dead: its record is gone and its job was retried.
    await database.db.jobWorker.delete({ where: { id: worker.id } });
    await until(() => finished);
    expect(running!.signal.reason).toBeInstanceOf(WorkerDeclaredDeadError);
    // Neither completed nor failed by this worker: the retry belongs to whoever takes it next.
    const after = await job(id);
    expect(after.state).not.toBe("completed");
    expect(after.output?.name).not.toBe("WorkerDeclaredDeadError");
    await until(async () => (await database.db.jobWorker.count({ where: { id: worker.id } })) === 1);
  });
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
