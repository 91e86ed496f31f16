import PgBoss from "pg-boss";
import type { Logger } from "../lib/logger.ts";
import { DEFAULT_JOB_TIMING, type JobTiming, loadJobTiming } from "./job-timing.ts";
import {
  JOB_NAMES,
  JOB_PAYLOADS,
  type JobName,
  type JobPayload,
  type JobPolicy,
  jobPolicies,
} from "./registry.ts";

/** Runs SQL inside the caller's transaction, so a job is enqueued atomically with the row that needs it. */
export type SqlExecutor = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

/** What a handler knows about the delivery it is working on. */
export type JobDelivery = {
  id: string;
  /** Earlier attempts of this job (0 on the first). */
  retryCount: number;
  retryLimit: number;
  /** No retry follows this attempt: a failure now is final. */
  lastAttempt: boolean;
  /** Aborted when the job's time is up or the process stops; the job is then retried. */
  signal: AbortSignal;
};

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: JobDelivery) => Promise<void>;

export type Queue = {
  send<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options?: {
      db?: SqlExecutor;
      startAfter?: Date;
      singletonKey?: string;
      /** At most one job per key in each window of this many seconds. */
      singletonSeconds?: number;
      id?: string;
    },
  ): Promise<string | null>;
  /** Enqueues many jobs in one statement, with ids chosen by the caller (so rows can point at them). */
  sendMany<N extends JobName>(
    name: N,
    jobs: ReadonlyArray<{ id: string; payload: JobPayload<N> }>,
    options?: { db?: SqlExecutor },
  ): Promise<void>;
  cancel(name: JobName, id: string): Promise<void>;
  work<N extends JobName>(
    name: N,
    handler: JobHandler<N>,
    options?: { concurrency?: number; pollingIntervalMs?: number },
  ): Promise<void>;
  /** Tells this process's workers of `name` to look for jobs now (after a commit that queued some). */
  wake(name: JobName): void;
  schedule(name: JobName, cron: string): Promise<void>;
  /** The ids among `ids` whose job is still waiting, retrying or running. */
  liveJobIds(name: JobName, ids: readonly string[]): Promise<Set<string>>;
  readonly timing: JobTiming;
  /** Runs `callback` first when the queue stops (timers that send jobs). */
  onStop(callback: () => void): void;
  isHealthy(): Promise<boolean>;
  stop(): Promise<void>;
};

export type QueueOptions = {
  /** Whether this process maintains the queue (expiry of dead workers' jobs) and fires schedules. */
  schedule?: boolean;
  /** Timeouts and intervals; read from the environment when not given. */
  timing?: JobTiming;
};

/**
 * PostgreSQL stopping or restarting: admin_shutdown, crash_shutdown, cannot_connect_now. A
 * Ctrl-C in a terminal reaches the embedded server too, which stops while the app is still
 * shutting down; that is expected, not an error.
 */
export function isServerStopping(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "57P01" || code === "57P02" || code === "57P03";
}

/** Within this long of the first, more "PostgreSQL is stopping" errors are the same event. */
const SERVER_STOPPING_QUIET_MS = 10_000;

/**
 * What the queue's "error" events log. A stopping server fails every pooled connection at once;
 * the burst is one warning (the rest at debug), not one line per connection.
 */
export function queueErrorLogger(
  logger: Record<"warn" | "debug" | "error", (object: object, message: string) => void>,
  now: () => number = Date.now,
): (error: unknown) => void {
  let warnedAt = Number.NEGATIVE_INFINITY;
  return (error) => {
    if (!isServerStopping(error)) {
      logger.error({ err: error }, "job queue error");
      return;
    }
    const code = (error as { code?: string }).code;
    const message = "job queue: PostgreSQL is stopping or restarting; the queue reconnects once it is back";
    if (now() - warnedAt < SERVER_STOPPING_QUIET_MS) {
      logger.debug({ code }, message);
      return;
    }
    warnedAt = now();
    logger.warn({ code }, message);
  };
}

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
      const loop = new WorkerLoop(boss, name, handler as JobHandler<JobName>, policies[name], logger, {
        concurrency: workOptions.concurrency ?? 1,
        pollingIntervalMs: workOptions.pollingIntervalMs ?? timing.pollIntervalMs,
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
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
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

class JobTimeoutError extends Error {
  constructor(seconds: number) {
    super(`The job did not finish within its ${seconds} s; it is retried elsewhere`);
    this.name = "JobTimeoutError";
  }
}

/**
 * Works on up to `concurrency` jobs of one queue at once, each completed or failed on its
 * own. A freed slot fetches the next job straight away; an idle loop polls. A job still
 * running when its expiry comes is aborted and failed, so pg-boss retries it (elsewhere,
 * perhaps) rather than having two workers on it.
 */
class WorkerLoop {
  private stopping = false;
  private running: Promise<void> | undefined;
  private readonly inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private wakeUp: (() => void) | undefined;
  /** A wake-up that came while the loop was busy fetching: the next wait is skipped. */
  private woken = false;

  constructor(
    private readonly boss: PgBoss,
    private readonly name: JobName,
    private readonly handler: JobHandler<JobName>,
    private readonly policy: JobPolicy,
    private readonly logger: Logger,
    private readonly options: { concurrency: number; pollingIntervalMs: number },
  ) {}

  start(): void {
    this.running = this.loop();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const free = this.options.concurrency - this.inFlight.size;
      let fetched = 0;
      if (free > 0) {
        try {
          const jobs = await this.boss.fetch<unknown>(this.name, { batchSize: free, includeMetadata: true });
          fetched = jobs.length;
          for (const job of jobs) this.run(job);
        } catch (error) {
          this.logger.error({ err: error, queue: this.name }, "could not fetch jobs");
        }
      }
      // Every slot just filled from a full batch: there may be more; otherwise wait for a wake-up.
      if (fetched > 0 && fetched === free) continue;
      if (this.stopping) break;
      if (this.woken) {
        this.woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.options.pollingIntervalMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeUp = done;
      });
      this.wakeUp = undefined;
      this.woken = false;
    }
  }

  private run(job: PgBoss.JobWithMetadata<unknown>): void {
    const controller = new AbortController();
    const seconds = Number(job.expireInSeconds) || this.policy.expireInSeconds;
    // A little before pg-boss would expire it, so this worker's failure is the one recorded.
    const timer = setTimeout(
      () => controller.abort(new JobTimeoutError(seconds)),
      Math.max(500, seconds * 1000 - 250),
    );
    const delivery = {
      id: job.id,
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
      lastAttempt: job.retryCount >= job.retryLimit,
      signal: controller.signal,
    };
    const done = (async () => {
      try {
        const payload = JOB_PAYLOADS[this.name].parse(job.data);
        await this.handler(payload as never, delivery);
        await this.boss.complete(this.name, job.id);
      } catch (error) {
        const err = error as Error;
        this.logger.warn({ err, queue: this.name, jobId: job.id, attempt: job.retryCount + 1 }, "job failed");
        await this.boss
          .fail(this.name, job.id, { message: err?.message ?? String(error), name: err?.name })
          .catch((failError: unknown) =>
            this.logger.error({ err: failError, jobId: job.id }, "could not fail job"),
          );
      } finally {
        clearTimeout(timer);
        this.inFlight.delete(job.id);
        this.wake();
      }
    })();
    this.inFlight.set(job.id, { controller, done });
  }

  /**
   * Stops fetching, lets running jobs finish for up to `graceMs`, then aborts the rest: they
   * fail and are retried (here after a restart, or by another worker).
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    const settled = () => Promise.all([...this.inFlight.values()].map((entry) => entry.done));
    if (this.inFlight.size === 0) return;
    await within(settled(), graceMs);
    for (const entry of this.inFlight.values()) entry.controller.abort(new Error("The worker is stopping"));
    // A handler deaf to the abort is left behind; its job expires and is retried elsewhere.
    await within(settled(), 2000);
  }
}

/** Waits for `promise`, but no longer than `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
