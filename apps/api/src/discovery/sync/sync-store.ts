import { randomUUID } from "node:crypto";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS, transactionSql } from "../../db/transaction-sql.ts";
import type { SyncRun, SyncScope } from "../../generated/prisma/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import type { Failure } from "./discovery-error.ts";
import type { ScopeSpec } from "./scope-plan.ts";

export type ScopeOutcome =
  | { state: "done"; resourcesFound: number }
  | { state: "failed"; resourcesFound: number; failure: Failure };

type Progress = { scopes_total: number; scopes_done: number; scopes_failed: number };

/**
 * The run and scope rows of a fetch. Every state change is a compare-and-set on the current
 * state, and counters move by atomic increments, so workers racing on the same run (or a
 * job delivered twice) can never count a scope twice or finish a run twice.
 */
export function syncStore(db: Db, queue: Queue) {
  return {
    /**
     * queued → running (sets started_at and the deadline). A run already running is a
     * redelivered coordinator: it carries on. Null when the run is gone or over.
     */
    async startRun(runId: string, deadlineMinutes: number): Promise<SyncRun | null> {
      await db.$executeRawUnsafe(
        `UPDATE sync_runs SET state = 'running', started_at = now(),
           deadline_at = now() + make_interval(secs => $2::double precision * 60)
         WHERE id = $1::uuid AND state = 'queued'`,
        runId,
        deadlineMinutes,
      );
      const run = await db.syncRun.findUnique({ where: { id: runId } });
      return run?.state === "running" ? run : null;
    },

    /**
     * Creates scopes and queues their jobs in one transaction, skipping those that exist
     * (a retried walk finds the same accounts again). Returns how many were new.
     */
    async addScopes(
      runId: string,
      specs: readonly ScopeSpec[],
      counters: { accountsFound?: number; onlyIfNew?: boolean } = {},
    ) {
      if (specs.length === 0 && !counters.accountsFound) return 0;
      const rows = specs.map((spec) => ({
        key: spec.key,
        account_id: spec.accountId,
        region: spec.region,
        resource_types: spec.resourceTypes,
        details: spec.details,
        job_id: randomUUID(),
      }));
      const inserted = await db.$transaction(async (tx) => {
        const created = await tx.$queryRawUnsafe<Array<{ key: string; job_id: string }>>(
          `INSERT INTO sync_scopes (id, run_id, key, account_id, region, resource_types, details, job_id, state)
           SELECT gen_random_uuid(), $1::uuid, s.key, s.account_id, s.region,
                  ARRAY(SELECT jsonb_array_elements_text(s.resource_types)), s.details, s.job_id, 'pending'
           FROM jsonb_to_recordset($2::jsonb)
             AS s(key text, account_id text, region text, resource_types jsonb, details jsonb, job_id text)
           WHERE EXISTS (SELECT 1 FROM sync_runs WHERE id = $1::uuid AND state = 'running')
           ON CONFLICT (run_id, key) DO NOTHING
           RETURNING key, job_id`,
          runId,
          JSON.stringify(rows),
        );
        await queue.sendMany(
          "integration.sync-scope",
          created.map((row) => ({ id: row.job_id, payload: { runId, scopeKey: row.key } })),
          { db: transactionSql(tx) },
        );
        await tx.$executeRawUnsafe(
          `UPDATE sync_runs SET scopes_total = scopes_total + $2, accounts_found = accounts_found + $3
           WHERE id = $1::uuid AND state = 'running'`,
          runId,
          created.length,
          counters.onlyIfNew && created.length === 0 ? 0 : (counters.accountsFound ?? 0),
        );
        return created.length;
      }, TRANSACTION_OPTIONS);
      if (inserted > 0) queue.wake("integration.sync-scope");
      return inserted;
    },

    /** A warning of a scope that still succeeds (e.g. an excluded OU that does not exist). */
    async warnScope(runId: string, key: string, warning: string): Promise<void> {
      await db.$executeRawUnsafe(
        `UPDATE sync_scopes SET details = coalesce(details, '{}'::jsonb) || jsonb_build_object('warning', $3::text)
         WHERE run_id = $1::uuid AND key = $2`,
        runId,
        key,
        warning,
      );
    },

    async resetAccountsFound(runId: string): Promise<void> {
      await db.$executeRawUnsafe(
        `UPDATE sync_runs SET accounts_found = 0 WHERE id = $1::uuid AND state = 'running'`,
        runId,
      );
    },

    /**
     * pending|running → running, counting the attempt. Null when the scope is already
     * finished (a duplicate delivery) or its run is over: the job has nothing left to do.
     */
    async claimScope(runId: string, key: string): Promise<SyncScope | null> {
      const claimed = await db.$executeRawUnsafe(
        `UPDATE sync_scopes SET state = 'running', attempts = attempts + 1, started_at = COALESCE(started_at, now())
         WHERE run_id = $1::uuid AND key = $2 AND state IN ('pending', 'running')
           AND EXISTS (SELECT 1 FROM sync_runs WHERE id = $1::uuid AND state = 'running')`,
        runId,
        key,
      );
      if (claimed === 0) return null;
      return db.syncScope.findUnique({ where: { runId_key: { runId, key } } });
    },

    /**
     * True when an earlier run of the same integration had this scope, so some of its
     * resources may be stored already (the writer then upserts rather than appends).
     */
    async scopeFetchedBefore(runId: string, key: string): Promise<boolean> {
      const rows = await db.$queryRawUnsafe<{ fetched: boolean }[]>(
        `SELECT EXISTS (
           SELECT 1 FROM sync_scopes s JOIN sync_runs r ON r.id = s.run_id
           WHERE s.key = $2 AND r.id <> $1::uuid
             AND r.integration_id = (SELECT integration_id FROM sync_runs WHERE id = $1::uuid)
         ) AS fetched`,
        runId,
        key,
      );
      return rows[0]?.fetched ?? true;
    },

    /**
     * Marks a scope done or failed (once) and moves the run's counters with it. Returns true
     * when this was the last scope, so the caller finalizes the run.
     */
    async finishScope(scope: Pick<SyncScope, "id" | "runId">, outcome: ScopeOutcome): Promise<boolean> {
      const failure = outcome.state === "failed" ? outcome.failure : null;
      const rows = await db.$queryRawUnsafe<Progress[]>(
        `WITH finished AS (
           UPDATE sync_scopes SET state = $2::"ScopeState", finished_at = now(), resources_found = $3,
             error_code = $4, error_message = $5, fix = $6,
             details = CASE WHEN $7::text IS NULL THEN details
                            ELSE details || jsonb_build_object('failed_resource_type', $7::text) END
           WHERE id = $1::uuid AND state IN ('pending', 'running')
           RETURNING run_id
         )
         UPDATE sync_runs SET
           scopes_done = scopes_done + CASE WHEN $2 = 'done' THEN 1 ELSE 0 END,
           scopes_failed = scopes_failed + CASE WHEN $2 = 'failed' THEN 1 ELSE 0 END
         WHERE id = (SELECT run_id FROM finished)
         RETURNING scopes_total, scopes_done, scopes_failed`,
        scope.id,
        outcome.state,
        outcome.resourcesFound,
        failure?.code ?? null,
        failure?.message ?? null,
        failure?.fix ?? null,
        failure?.resourceType ?? null,
      );
      const progress = rows[0];
      return Boolean(progress && progress.scopes_done + progress.scopes_failed >= progress.scopes_total);
    },
  };
}

export type SyncStore = ReturnType<typeof syncStore>;
