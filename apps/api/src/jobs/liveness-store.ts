// The liveness records of worker processes (`job_workers`), the jobs they took (`job_claims`), and
// the recovery of a dead worker's jobs. Raw SQL through pg rather than Prisma because the recovery
// joins pg-boss's own table (pgboss.job, which Prisma does not model) and must fail the jobs
// through pg-boss (its retry rules) in the same transaction that found them.
import { hostname } from "node:os";
import type pg from "pg";
import type { SqlExecutor } from "./queue.ts";

export type WorkerIdentity = { id: string; pid: number; host: string };

/** Fails jobs the way pg-boss does (a retry while attempts are left), on the given connection. */
export type FailJobs = (name: string, ids: string[], db: SqlExecutor) => Promise<void>;

export type DeadJob = { id: string; name: string; workerId: string | null };

/** Only one process recovers at a time, so two never fail the same job (a second failure would be a lost retry). */
const RECOVERY_LOCK = "portcullis.job-liveness.recovery";

export function thisWorker(id: string): WorkerIdentity {
  return { id, pid: process.pid, host: hostname() };
}

export type LivenessStore = ReturnType<typeof livenessStore>;

export function livenessStore(pool: pg.Pool) {
  return {
    async register(worker: WorkerIdentity): Promise<void> {
      await pool.query(
        `INSERT INTO job_workers (id, pid, host, started_at, last_seen_at) VALUES ($1, $2, $3, now(), now())
         ON CONFLICT (id) DO UPDATE SET last_seen_at = now()`,
        [worker.id, worker.pid, worker.host],
      );
    },

    /** false: the record is gone, i.e. another process took this one for dead and recovered its jobs. */
    async heartbeat(workerId: string): Promise<boolean> {
      const result = await pool.query(`UPDATE job_workers SET last_seen_at = now() WHERE id = $1`, [
        workerId,
      ]);
      return result.rowCount === 1;
    },

    async claim(
      workerId: string,
      queue: string,
      jobs: ReadonlyArray<{ id: string; attempt: number }>,
    ): Promise<void> {
      // A worker taken for dead has no record: the foreign key refuses its claim, and the jobs go back.
      await pool.query(
        `INSERT INTO job_claims (job_id, queue, attempt, worker_id, claimed_at)
         SELECT id, $2, attempt, $1, now() FROM unnest($3::uuid[], $4::int[]) AS t(id, attempt)
         ON CONFLICT (job_id) DO UPDATE
           SET queue = EXCLUDED.queue, attempt = EXCLUDED.attempt, worker_id = EXCLUDED.worker_id,
               claimed_at = EXCLUDED.claimed_at`,
        [workerId, queue, jobs.map((job) => job.id), jobs.map((job) => job.attempt)],
      );
    },

    /** The job is still running this attempt (a retry increments retry_count when it is fetched). */
    async holds(queue: string, job: { id: string; attempt: number }): Promise<boolean> {
      const result = await pool.query(
        `SELECT 1 FROM pgboss.job WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3`,
        [queue, job.id, job.attempt],
      );
      return result.rowCount === 1;
    },

    /** A clean stop: the record goes (its claims with it), nothing is left to recover. */
    async remove(workerId: string): Promise<void> {
      await pool.query(`DELETE FROM job_workers WHERE id = $1`, [workerId]);
    },

    /**
     * Fails into a retry every active job of `queues` whose worker is dead: silent for
     * `deadAfterSeconds`, or gone. A job with no claim for its current attempt is given the same
     * grace from its start (the claim is written just after the fetch; a worker that died in
     * between, or could not write it, left none). Then the dead workers' records and the claims
     * of finished jobs are deleted.
     */
    async recoverDeadWorkers(
      queues: readonly string[],
      deadAfterSeconds: number,
      fail: FailJobs,
    ): Promise<DeadJob[]> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const locked = await client.query<{ locked: boolean }>(
          `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
          [RECOVERY_LOCK],
        );
        if (!locked.rows[0]?.locked) {
          await client.query("ROLLBACK");
          return [];
        }
        // Locked, so a job completed or failed meanwhile by its (live after all) worker is seen as such.
        const dead = await client.query<{ id: string; name: string; worker_id: string | null }>(
          `SELECT j.id::text AS id, j.name, c.worker_id::text AS worker_id
           FROM pgboss.job j
           LEFT JOIN job_claims c ON c.job_id = j.id AND c.attempt = j.retry_count
           LEFT JOIN job_workers w ON w.id = c.worker_id
           WHERE j.state = 'active' AND j.name = ANY($1::text[])
             AND CASE WHEN c.job_id IS NULL THEN j.started_on < now() - make_interval(secs => $2)
                      ELSE w.id IS NULL OR w.last_seen_at < now() - make_interval(secs => $2) END
           FOR UPDATE OF j`,
          [queues, deadAfterSeconds],
        );
        const executor: SqlExecutor = { executeSql: (text, values) => client.query(text, values) };
        const names = new Set(dead.rows.map((row) => row.name));
        for (const name of names) {
          const ids = dead.rows.filter((row) => row.name === name).map((row) => row.id);
          await fail(name, ids, executor);
        }
        await client.query(`DELETE FROM job_workers WHERE last_seen_at < now() - make_interval(secs => $1)`, [
          deadAfterSeconds,
        ]);
        await client.query(
          `DELETE FROM job_claims c WHERE NOT EXISTS (
             SELECT 1 FROM pgboss.job j WHERE j.name = c.queue AND j.id = c.job_id AND j.state = 'active')`,
        );
        await client.query("COMMIT");
        return dead.rows.map((row) => ({ id: row.id, name: row.name, workerId: row.worker_id }));
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },

    /** The live workers (heartbeat within `deadAfterSeconds`), for operators and tests. */
    async liveWorkers(deadAfterSeconds: number): Promise<Array<WorkerIdentity & { lastSeenAt: Date }>> {
      const { rows } = await pool.query<{ id: string; pid: number; host: string; last_seen_at: Date }>(
        `SELECT id::text AS id, pid, host, last_seen_at FROM job_workers
         WHERE last_seen_at >= now() - make_interval(secs => $1) ORDER BY started_at`,
        [deadAfterSeconds],
      );
      return rows.map((row) => ({ id: row.id, pid: row.pid, host: row.host, lastSeenAt: row.last_seen_at }));
    },
  };
}
