import { ACTIVE_RUN_STATES_SQL } from "../../core/sync-run.repository.ts";
import type { Db } from "../../db/prisma.ts";
import type { Queue } from "../../jobs/queue.ts";
import { enqueueBackgroundRun } from "./enqueue-run.ts";
import { finalizeRun } from "./finalize-run.ts";
import type { SyncDeps } from "./sync-deps.ts";
import { syncStore } from "./sync-store.ts";

/** What a tick did, for the log and the tests. */
export type TickReport = {
  /** Jobs of dead worker processes, failed into a retry. */
  deadWorkerJobs: string[];
  deadlinesPassed: string[];
  deadScopes: string[];
  deadRuns: string[];
  finalized: string[];
  recovered: string[];
  resyncs: string[];
  connectorChecks: string[];
};

/** Integrations started per tick, so a fleet due at once is spread over a few minutes. */
const RESYNCS_PER_TICK = 50;

const WORKER_LOST = {
  code: "WorkerLost",
  message: "The worker fetching this stopped (it crashed or ran out of time) on every attempt.",
  fix: "Fetch again. If it keeps happening, look at the worker logs, and raise SYNC_SCOPE_TIMEOUT_SECONDS for very large accounts.",
  retryable: false,
};

async function ids(db: Db, sql: string, ...values: unknown[]): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(sql, ...values);
  return rows.map((row) => row.id);
}

/** Runs past their deadline: unfinished scopes are recorded as failed, the run is finished with what it has. */
async function passDeadlines(deps: SyncDeps, report: TickReport): Promise<void> {
  const runs = await ids(
    deps.db,
    `SELECT id::text AS id FROM sync_runs WHERE state = 'running' AND deadline_at < now()`,
  );
  for (const runId of runs) {
    const jobs = await deps.db.syncScope.findMany({
      where: { runId, state: { in: ["pending", "running"] }, jobId: { not: null } },
      select: { jobId: true },
    });
    const minutes = deps.timing.runDeadlineMinutes;
    const done = await finalizeRun(deps.db, runId, {
      syncIntervalHours: deps.syncIntervalHours,
      abandon: {
        code: "DeadlineExceeded",
        message: `The fetch did not finish within its deadline of ${minutes} minutes; this scope was not fetched.`,
        fix: "Fetch again. If fetches are often this slow, add workers (pnpm worker) or raise SYNC_RUN_DEADLINE_MINUTES.",
        retryable: false,
      },
    });
    if (!done) continue;
    report.deadlinesPassed.push(runId);
    for (const { jobId } of jobs) {
      await deps.queue.cancel("integration.sync-scope", jobId!).catch(() => {});
    }
  }
}

/** Scopes whose job is no longer alive (its worker died on the last attempt): failed, so the run can finish. */
async function failDeadScopes(deps: SyncDeps, report: TickReport): Promise<void> {
  const open = await deps.db.$queryRawUnsafe<Array<{ id: string; run_id: string; job_id: string | null }>>(
    `SELECT s.id::text AS id, s.run_id::text AS run_id, s.job_id FROM sync_scopes s
     JOIN sync_runs r ON r.id = s.run_id
     WHERE r.state = 'running' AND s.state IN ('pending', 'running')`,
  );
  if (open.length === 0) return;
  const live = await deps.queue.liveJobIds(
    "integration.sync-scope",
    open.flatMap((scope) => (scope.job_id ? [scope.job_id] : [])),
  );
  const store = syncStore(deps.db, deps.queue);
  for (const scope of open) {
    if (scope.job_id && live.has(scope.job_id)) continue;
    const complete = await store.finishScope(
      { id: scope.id, runId: scope.run_id },
      { state: "failed", resourcesFound: 0, failure: WORKER_LOST },
    );
    report.deadScopes.push(scope.id);
    if (complete) await finalizeRun(deps.db, scope.run_id, { syncIntervalHours: deps.syncIntervalHours });
  }
}

/** Runs whose coordinating job died before it created any scope: finished as failed. */
async function failDeadRuns(deps: SyncDeps, report: TickReport): Promise<void> {
  const rows = await deps.db.$queryRawUnsafe<Array<{ id: string; job_id: string | null }>>(
    `SELECT id::text AS id, job_id FROM sync_runs
     WHERE (state = 'queued' OR (state = 'running' AND scopes_total = 0))
       AND created_at < now() - interval '5 seconds'`,
  );
  if (rows.length === 0) return;
  const live = await deps.queue.liveJobIds(
    "integration.sync",
    rows.flatMap((row) => (row.job_id ? [row.job_id] : [])),
  );
  for (const row of rows) {
    if (row.job_id && live.has(row.job_id)) continue;
    const done = await finalizeRun(deps.db, row.id, {
      syncIntervalHours: deps.syncIntervalHours,
      runFailure: {
        ...WORKER_LOST,
        scope: "connector",
        message:
          "The fetch stopped before it could start: its job was lost or its worker died on every attempt.",
      },
      onlyWithoutScopes: true,
    });
    if (done) report.deadRuns.push(row.id);
  }
}

/** Runs whose scopes all finished but that were never finalized (a crash in between). */
async function finalizeFinished(deps: SyncDeps, report: TickReport): Promise<void> {
  const runs = await ids(
    deps.db,
    `SELECT id::text AS id FROM sync_runs
     WHERE state = 'running' AND scopes_total > 0 AND scopes_done + scopes_failed >= scopes_total`,
  );
  for (const runId of runs) {
    if (await finalizeRun(deps.db, runId, { syncIntervalHours: deps.syncIntervalHours }))
      report.finalized.push(runId);
  }
}

/** Integrations shown as fetching with no fetch behind them get one. */
async function recoverOrphans(deps: SyncDeps, report: TickReport): Promise<void> {
  const orphans = await ids(
    deps.db,
    `SELECT i.id::text AS id FROM integrations i
     WHERE i.status IN ('Initializing', 'Refreshing')
       AND NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.integration_id = i.id AND r.state IN (${ACTIVE_RUN_STATES_SQL}))`,
  );
  for (const id of orphans) {
    if (await enqueueBackgroundRun(deps.db, deps.queue, id, { trigger: "recovery" }))
      report.recovered.push(id);
  }
}

/** Periodic fetches (every SYNC_INTERVAL_HOURS), oldest due first. */
async function enqueueDue(deps: SyncDeps, report: TickReport): Promise<void> {
  const due = await ids(
    deps.db,
    `SELECT id::text AS id FROM integrations
     WHERE next_sync_at <= now() AND status IN ('Active', 'Warning', 'Error')
     ORDER BY next_sync_at LIMIT $1`,
    RESYNCS_PER_TICK,
  );
  for (const id of due) {
    const runId = await enqueueBackgroundRun(deps.db, deps.queue, id, {
      trigger: "scheduled",
      status: "Refreshing",
    });
    if (runId) report.resyncs.push(id);
  }
}

/** Connectors whose last check is older than the check interval are checked again (by a job). */
async function recheckConnectors(deps: SyncDeps, queue: Queue, report: TickReport): Promise<void> {
  const stale = await ids(
    deps.db,
    `SELECT id FROM connectors
     WHERE last_check IS NULL OR NOT (last_check ? 'checked_at')
        OR (last_check->>'checked_at')::timestamptz < now() - make_interval(secs => $1::double precision * 60)`,
    deps.timing.connectorCheckMinutes,
  );
  for (const connectorId of stale) {
    const sent = await queue.send(
      "connector.check",
      { connectorId },
      {
        singletonKey: connectorId,
        singletonSeconds: Math.max(60, Math.round(deps.timing.connectorCheckMinutes * 60)),
      },
    );
    if (sent) report.connectorChecks.push(connectorId);
  }
}

/**
 * `maintenance.tick`: nothing stays stuck. Retries the jobs of dead worker processes (workers
 * do it too, with every heartbeat), finishes runs past their deadline or whose jobs
 * died, gives a fetch to integrations that show one without having it, starts due periodic
 * fetches and re-checks connectors. Every step is a compare-and-set, so ticks racing on
 * several processes do each thing once.
 */
export async function runMaintenanceTick(deps: SyncDeps): Promise<TickReport> {
  const report: TickReport = {
    deadWorkerJobs: [],
    deadlinesPassed: [],
    deadScopes: [],
    deadRuns: [],
    finalized: [],
    recovered: [],
    resyncs: [],
    connectorChecks: [],
  };
  // First, so the steps below see a dead worker's jobs as the retries they now are.
  report.deadWorkerJobs = (await deps.queue.recoverDeadWorkers()).map((job) => job.id);
  await passDeadlines(deps, report);
  await failDeadScopes(deps, report);
  await failDeadRuns(deps, report);
  await finalizeFinished(deps, report);
  await recoverOrphans(deps, report);
  await enqueueDue(deps, report);
  await recheckConnectors(deps, deps.queue, report);
  return report;
}
