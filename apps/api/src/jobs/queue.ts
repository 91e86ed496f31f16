import type { JobTiming } from "./job-timing.ts";
import type { JobName, JobPayload } from "./registry.ts";

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
      /** Higher first among jobs due (pg-boss: priority, then creation); 0 by default. A 32-bit integer. */
      priority?: number;
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
  /**
   * Fails into a retry the running jobs of worker processes that stopped renewing their liveness
   * record (killed, frozen, cut off). Workers do it with every heartbeat; maintenance too.
   */
  recoverDeadWorkers(): Promise<Array<{ id: string; name: string }>>;
  /**
   * The singleton keys among `keys` whose job is due or running: waiting with its start time
   * passed, or active. (A job delayed to later, or retrying after a backoff, is not counted.)
   */
  dueSingletonKeys(name: JobName, keys: readonly string[]): Promise<Set<string>>;
  /** The ids among `ids` whose job is still waiting, retrying or running. */
  liveJobIds(name: JobName, ids: readonly string[]): Promise<Set<string>>;
  readonly timing: JobTiming;
  /** Runs `callback` first when the queue stops (timers that send jobs). */
  onStop(callback: () => void): void;
  isHealthy(): Promise<boolean>;
  stop(): Promise<void>;
};
