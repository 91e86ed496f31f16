import { z } from "zod";

/**
 * Timeouts and intervals of the background jobs. Defaults suit production; tests shorten
 * them (through the environment for child processes, or by passing an object).
 */
export type JobTiming = {
  /** A fetch that has not finished this long after it started is finalized with what it has. */
  runDeadlineMinutes: number;
  /** How long a worker may hold the coordinating job before it is given to another. */
  syncJobTimeoutSeconds: number;
  /** How long a worker may hold one scope (an account, a region…) before it is retried elsewhere. */
  scopeJobTimeoutSeconds: number;
  /** Retries of a scope after a failure another attempt could fix (throttling, network, a dead worker). */
  scopeRetries: number;
  /** Retries of the coordinating job. */
  syncRetries: number;
  /**
   * Scope jobs one process works on at once. A scope mostly waits on its own account's AWS
   * quota (IAM allows ~10 calls/s per account), so accounts are read side by side: 64 keep
   * an organization's accounts moving at the pace its Organizations quota finds them.
   */
  workerConcurrency: number;
  /** How often an idle worker looks for jobs. */
  pollIntervalMs: number;
  /** How often pg-boss looks for expired jobs (a worker that died) and archives old ones. */
  queueMaintenanceSeconds: number;
  /** How often the maintenance tick runs (stuck runs, due resyncs, connector checks). */
  tickSeconds: number;
  /** Connectors are checked again when their last check is older than this. */
  connectorCheckMinutes: number;
  /** How often a worker process renews its liveness record (and looks for dead workers' jobs). */
  workerHeartbeatSeconds: number;
  /**
   * A worker whose record is older than this is dead: its running jobs are retried at once.
   * Several heartbeats long, so a busy or briefly disconnected worker is not taken for dead.
   */
  workerDeadAfterSeconds: number;
};

export const DEFAULT_JOB_TIMING: JobTiming = {
  runDeadlineMinutes: 120,
  syncJobTimeoutSeconds: 300,
  scopeJobTimeoutSeconds: 1800,
  scopeRetries: 3,
  syncRetries: 3,
  workerConcurrency: 64,
  pollIntervalMs: 1000,
  queueMaintenanceSeconds: 30,
  tickSeconds: 60,
  connectorCheckMinutes: 30,
  workerHeartbeatSeconds: 5,
  workerDeadAfterSeconds: 20,
};

const positive = z.coerce.number().positive();
const count = z.coerce.number().int().min(0).max(20);

const ZTimingEnv = z.object({
  SYNC_RUN_DEADLINE_MINUTES: positive.optional(),
  SYNC_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).optional(),
  SYNC_SCOPE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).optional(),
  SYNC_SCOPE_RETRIES: count.optional(),
  SYNC_RETRIES: count.optional(),
  SYNC_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(50).optional(),
  QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).optional(),
  MAINTENANCE_TICK_SECONDS: z.coerce.number().int().min(1).optional(),
  CONNECTOR_CHECK_INTERVAL_MINUTES: positive.optional(),
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).optional(),
  WORKER_DEAD_AFTER_SECONDS: z.coerce.number().int().min(3).max(3600).optional(),
});

export function loadJobTiming(env: NodeJS.ProcessEnv = process.env): JobTiming {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = ZTimingEnv.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid job timing configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const d = DEFAULT_JOB_TIMING;
  return {
    runDeadlineMinutes: e.SYNC_RUN_DEADLINE_MINUTES ?? d.runDeadlineMinutes,
    syncJobTimeoutSeconds: e.SYNC_JOB_TIMEOUT_SECONDS ?? d.syncJobTimeoutSeconds,
    scopeJobTimeoutSeconds: e.SYNC_SCOPE_TIMEOUT_SECONDS ?? d.scopeJobTimeoutSeconds,
    scopeRetries: e.SYNC_SCOPE_RETRIES ?? d.scopeRetries,
    syncRetries: e.SYNC_RETRIES ?? d.syncRetries,
    workerConcurrency: e.SYNC_WORKER_CONCURRENCY ?? d.workerConcurrency,
    pollIntervalMs: e.JOB_POLL_INTERVAL_MS ?? d.pollIntervalMs,
    queueMaintenanceSeconds: e.QUEUE_MAINTENANCE_SECONDS ?? d.queueMaintenanceSeconds,
    tickSeconds: e.MAINTENANCE_TICK_SECONDS ?? d.tickSeconds,
    connectorCheckMinutes: e.CONNECTOR_CHECK_INTERVAL_MINUTES ?? d.connectorCheckMinutes,
    ...workerLiveness(e.WORKER_HEARTBEAT_SECONDS, e.WORKER_DEAD_AFTER_SECONDS),
  };
}

function workerLiveness(heartbeat: number | undefined, deadAfter: number | undefined) {
  const workerHeartbeatSeconds = heartbeat ?? DEFAULT_JOB_TIMING.workerHeartbeatSeconds;
  const workerDeadAfterSeconds = deadAfter ?? DEFAULT_JOB_TIMING.workerDeadAfterSeconds;
  // Fewer than two missed heartbeats would take a live worker for dead after one slow update.
  if (workerDeadAfterSeconds < 2 * workerHeartbeatSeconds) {
    throw new Error(
      `Invalid job timing configuration:\n  WORKER_DEAD_AFTER_SECONDS: must be at least twice WORKER_HEARTBEAT_SECONDS (${workerHeartbeatSeconds})`,
    );
  }
  return { workerHeartbeatSeconds, workerDeadAfterSeconds };
}
