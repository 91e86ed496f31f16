import pg from "pg";
import PgBoss from "pg-boss";
import type { Logger } from "../lib/logger.ts";
import { DEFAULT_JOB_TIMING, type JobTiming, loadJobTiming } from "./job-timing.ts";
import { type DeadJob, livenessStore } from "./liveness-store.ts";
import type { JobHandler, Queue } from "./queue.ts";
import { queueErrorLogger } from "./queue-error-logger.ts";
import { JOB_NAMES, JOB_PAYLOADS, type JobName, jobPolicies } from "./registry.ts";
import { startWorkerLiveness, type WorkerLiveness } from "./worker-liveness.ts";
import { WorkerLoop } from "./worker-loop.ts";

export type QueueOptions = {
  /** Whether this process maintains the queue (expiry of dead workers' jobs) and fires schedules. */
  schedule?: boolean;
  /** Timeouts and intervals; read from the environment when not given. */
  timing?: JobTiming;
};

/** pg-boss on the application's PostgreSQL, with the typed registry in front of it. */
export async function startQueue(
  connectionString: string,
  logger: Logger,
  options: QueueOptions = {},
): Promise<Queue> {
  const timing = options.timing ?? loadTimingOrDefault(logger);
  const policies = jobPolicies(timing);
  const boss = new PgBoss({
    connectionString,
    max: 4,
    // Only processes that run workers maintain the queue and fire cron schedules.
    supervise: options.schedule ?? true,
    schedule: options.schedule ?? true,
    maintenanceIntervalSeconds: timing.queueMaintenanceSeconds,
  });
  boss.on("error", queueErrorLogger(logger));
  await boss.start();
  for (const name of JOB_NAMES) {
    await boss.createQueue(name, { name, ...policies[name] });
  }
  const loops = new Map<JobName, WorkerLoop[]>();
  const stopCallbacks: Array<() => void> = [];
  // Its own small pool: a heartbeat must not wait behind the queue's busy connections.
  const livenessPool = new pg.Pool({ connectionString, max: 2 });
  livenessPool.on("error", queueErrorLogger(logger));
  const liveness = livenessStore(livenessPool);
  const recoverDeadWorkers = (): Promise<DeadJob[]> =>
    liveness.recoverDeadWorkers(JOB_NAMES, timing.workerDeadAfterSeconds, async (name, ids, db) => {
      for (const id of ids) {
        await boss.fail(
          name,
          id,
          { name: "WorkerDied", message: "The worker running this job died" },
          {
            db: db as PgBoss.Db,
          },
        );
      }
    });
  // Started with the first worker: a process that only sends jobs has no record.
  let workerLiveness: Promise<WorkerLiveness> | undefined;
  const startLiveness = () =>
    startWorkerLiveness({
      store: liveness,
      timing,
      logger,
      recover: recoverDeadWorkers,
      onDeclaredDead: () => {
        for (const loop of [...loops.values()].flat()) loop.abandonAll();
      },
    });

  return {
    timing,
    async send(name, payload, sendOptions = {}) {
      const data = JOB_PAYLOADS[name].parse(payload);
      return boss.send(name, data, {
        ...policies[name],
        ...(sendOptions.db ? { db: sendOptions.db as PgBoss.Db } : {}),
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.singletonSeconds ? { singletonSeconds: sendOptions.singletonSeconds } : {}),
        ...(sendOptions.id ? { id: sendOptions.id } : {}),
        ...(sendOptions.priority ? { priority: sendOptions.priority } : {}),
      });
    },
    async sendMany(name, jobs, sendOptions = {}) {
      if (jobs.length === 0) return;
      const policy = policies[name];
      const rows: PgBoss.JobInsert[] = jobs.map((job) => ({
        id: job.id,
        name,
        data: JOB_PAYLOADS[name].parse(job.payload),
        retryLimit: policy.retryLimit,
        retryDelay: policy.retryDelay,
        retryBackoff: policy.retryBackoff,
        expireInSeconds: policy.expireInSeconds,
      }));
      await boss.insert(rows, sendOptions.db ? { db: sendOptions.db as PgBoss.Db } : {});
    },
    cancel: (name, id) => boss.cancel(name, id),
    async work(name, handler, workOptions = {}) {
      workerLiveness ??= startLiveness();
      const { claims } = await workerLiveness;
      const loop = new WorkerLoop(boss, name, handler as JobHandler<JobName>, policies[name], logger, {
        concurrency: workOptions.concurrency ?? 1,
        pollingIntervalMs: workOptions.pollingIntervalMs ?? timing.pollIntervalMs,
        claims,
      });
      loops.set(name, [...(loops.get(name) ?? []), loop]);
      loop.start();
    },
    wake(name) {
      for (const loop of loops.get(name) ?? []) loop.wake();
    },
    schedule: (name, cron) => boss.schedule(name, cron, {}),
    async liveJobIds(name, ids) {
      if (ids.length === 0) return new Set();
      // Jobs leave pgboss.job only when archived (completed or failed): live ones are always there.
      const { rows } = await boss
        .getDb()
        .executeSql(
          `SELECT id::text AS id FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[]) AND state < 'completed'`,
          [name, ids],
        );
      return new Set(rows.map((row: { id: string }) => row.id));
    },
    async dueSingletonKeys(name, keys) {
      if (keys.length === 0) return new Set();
      const { rows } = await boss.getDb().executeSql(
        `SELECT DISTINCT singleton_key AS key FROM pgboss.job WHERE name = $1 AND singleton_key = ANY($2::text[])
             AND (state = 'active' OR (state IN ('created', 'retry') AND start_after <= now()))`,
        [name, keys],
      );
      return new Set(rows.map((row: { key: string }) => row.key));
    },
    recoverDeadWorkers,
    async isHealthy() {
      try {
        await boss.getQueue(JOB_NAMES[0]!);
        return true;
      } catch {
        return false;
      }
    },
    onStop: (callback) => {
      stopCallbacks.push(callback);
    },
    async stop() {
      for (const callback of stopCallbacks.splice(0)) callback();
      const all = [...loops.values()].flat();
      await Promise.all(all.map((loop) => loop.stop(10_000)));
      await (await workerLiveness?.catch(() => undefined))?.stop();
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      await livenessPool.end();
    },
  };
}

function loadTimingOrDefault(logger: Logger): JobTiming {
  try {
    return loadJobTiming();
  } catch (error) {
    logger.warn({ err: error }, "job timing: using defaults");
    return DEFAULT_JOB_TIMING;
  }
}
