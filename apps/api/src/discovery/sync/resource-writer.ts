import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type Db, pgPoolOf } from "../../db/prisma.ts";
import type { DiscoveredResource } from "../discoverers/types.ts";
import { copyTextRow, pgTextArray } from "./copy-text.ts";
import type { Owners } from "./owners.ts";

export type WriteTarget = { integrationId: string; runId: string; scopeKey: string };

/**
 * How a writer starts. `append`: the scope has never been fetched, so its rows are new and
 * are appended with COPY; the first batch that meets a row already there (a retried attempt,
 * a resource listed twice) is written as an upsert, and so is everything after it.
 * `upsert`: rows may be there already; each is rewritten in place or inserted.
 */
export type WriteMode = "append" | "upsert";

/** The batch's rows, from the one JSON parameter. */
const BATCH = `jsonb_to_recordset($4::jsonb) AS b(type text, external_id text, name text, account_id text,
  region text, tags jsonb, metadata jsonb, owners text[], owner_source text)`;

/** Nothing is written for a run that is over (a late worker). */
const RUN_IS_RUNNING = `EXISTS (SELECT 1 FROM sync_runs WHERE id = $2::uuid AND state = 'running')`;

/** New rows from the batch `b`; the statement adds its FROM. */
const INSERT_FROM_BATCH = `
  INSERT INTO resources (id, integration_id, type, external_id, name, account_id, region, tags, metadata,
                         owners, owner_source, scope_key, first_seen, last_seen, last_sync_run_id)
  SELECT gen_random_uuid(), $1::uuid, b.type, b.external_id, b.name, b.account_id, b.region, b.tags,
         b.metadata, b.owners, b.owner_source::"OwnerSource", $3, now(), now(), $2::uuid`;

/** The run's progress counter moves by `count`, which the statement returns as `written`. */
const progressAndWritten = (count: string) => `progress AS (
  UPDATE sync_runs SET resources_found = resources_found + ${count}
  WHERE id = $2::uuid AND state = 'running'
  RETURNING 1
)
SELECT ${count}::int AS written, set_config('synchronous_commit', 'off', true) AS commit_mode`;

/**
 * One statement per batch: the rows go in as one JSON array (read with jsonb_to_recordset, so
 * tags and metadata arrive as jsonb and owners as text[] without per-row parsing). Rows the
 * integration already has are updated in place, the others inserted, and the run's progress
 * counter moves by the number written. Nothing is written once the run is over (a late worker).
 *
 * A plain UPDATE then a plain INSERT, rather than INSERT … ON CONFLICT DO UPDATE: the upsert
 * locks each conflicting row (a WAL record per row) before updating it and inserts new rows
 * speculatively (another per row); without that, a re-sync costs the database ~35 % less CPU
 * and a first fetch ~10 % less. A row another writer inserts between the two (the same scope
 * fetched twice at once) makes this statement fail on the unique key (or deadlock); the batch
 * is then written again with UPSERT_ON_CONFLICT, which settles any race.
 *
 * The batch commits without waiting for its WAL flush (synchronous_commit off, for this
 * transaction only): a database crash could lose the last batches of a scope still running,
 * never a finished one, because the scope is marked done by an ordinary commit, which flushes
 * the WAL written before it. A scope that loses its worker or its database is fetched again.
 */
const UPDATE_THEN_INSERT = `
WITH batch AS MATERIALIZED (
  SELECT b.* FROM ${BATCH} WHERE ${RUN_IS_RUNNING}
), updated AS (
  UPDATE resources t SET
    name = b.name, account_id = b.account_id, region = b.region, tags = b.tags, metadata = b.metadata,
    owners = b.owners, owner_source = b.owner_source::"OwnerSource", scope_key = $3, last_seen = now(),
    last_sync_run_id = $2::uuid
  FROM batch b
  WHERE t.integration_id = $1::uuid AND t.type = b.type AND t.external_id = b.external_id
  RETURNING t.type, t.external_id
), inserted AS (${INSERT_FROM_BATCH}
  FROM batch b
  WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.type = b.type AND u.external_id = b.external_id)
  RETURNING 1
), ${progressAndWritten("((SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted))")}`;

/** The same write as one upsert: slower, but safe against a concurrent writer of the same rows. */
const UPSERT_ON_CONFLICT = `
WITH upserted AS (${INSERT_FROM_BATCH}
  FROM ${BATCH}
  WHERE ${RUN_IS_RUNNING}
  ON CONFLICT (integration_id, type, external_id) DO UPDATE SET
    name = EXCLUDED.name, account_id = EXCLUDED.account_id, region = EXCLUDED.region, tags = EXCLUDED.tags,
    metadata = EXCLUDED.metadata, owners = EXCLUDED.owners, owner_source = EXCLUDED.owner_source,
    scope_key = EXCLUDED.scope_key, last_seen = EXCLUDED.last_seen, last_sync_run_id = EXCLUDED.last_sync_run_id
  RETURNING 1
), ${progressAndWritten("(SELECT count(*) FROM upserted)")}`;

/** unique_violation and deadlock_detected: another writer had some of the batch's rows. */
const LOST_RACE = new Set(["23505", "40P01"]);
/** The integration was deleted while its run was being written. */
const FOREIGN_KEY_VIOLATION = "23503";

/**
 * COPY appends rows as PostgreSQL's bulk loader: several rows per heap insert and WAL record,
 * no JSON to take apart: B2's 100,000 resources went into an empty table 1.15–1.61× (median
 * 1.21×) as fast as through UPDATE_THEN_INSERT in 7 alternating pairs. The statement triggers
 * keep resource_counts exact as for an INSERT.
 */
const APPEND = `COPY resources (id, integration_id, type, external_id, name, account_id, region, tags,
  metadata, owners, owner_source, scope_key, last_sync_run_id) FROM STDIN`;

/** The SQLSTATE countAndCommit raises when the run is over: the batch is rolled back. */
const RUN_OVER = "PC001";

/**
 * After the COPY: moves the run's progress and commits, in one round trip. The UPDATE locks
 * the run's row until the commit, and every scope of the run writes to that row; were the
 * COMMIT sent after the UPDATE's reply, each batch would hold the lock for a turn of this
 * process's event loop (tens of ms when it is busy parsing pages), and 64 scopes would queue
 * on it. A run that is over raises RUN_OVER instead, so the COMMIT is skipped.
 */
function countAndCommit(client: pg.PoolClient, runId: string, count: number): string {
  return `DO $$ BEGIN
  UPDATE sync_runs SET resources_found = resources_found + ${Math.trunc(count)}
  WHERE id = ${client.escapeLiteral(runId)}::uuid AND state = 'running';
  IF NOT FOUND THEN RAISE EXCEPTION 'the run is over' USING ERRCODE = '${RUN_OVER}'; END IF;
END $$; COMMIT`;
}

/** What `append` returns when the batch met a stored row, or another writer of its rows. */
const ALREADY_STORED = Symbol("already stored");

/**
 * Collects a scope's resources and writes them in batches of `batchSize`, so a scope holds
 * at most two batches in memory however large the account. Two batches are written at once
 * (one transaction each, on two connections): the next batch is sent while the database
 * writes the previous one. Rows are sent in key order, the order they are locked in; should
 * two writers still collide (a unique key or a deadlock), the batch is written again as an upsert.
 * A scope fetched for the first time is appended with COPY (see WriteMode).
 */
export class ResourceWriter {
  private pending: DiscoveredResource[] = [];
  private writtenCount = 0;
  /** The batch being written, if any; a failure is thrown by the next add or flush. */
  private previous: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly owners: { resolve(tagSets: ReadonlyArray<Record<string, string>>): Promise<Owners[]> },
    private readonly target: WriteTarget,
    private readonly batchSize: number,
    private mode: WriteMode = "upsert",
  ) {}

  get written(): number {
    return this.writtenCount;
  }

  async add(resources: readonly DiscoveredResource[]): Promise<void> {
    this.pending.push(...resources);
    while (this.pending.length >= this.batchSize) {
      await this.send(this.pending.splice(0, this.batchSize));
    }
  }

  /** Writes what is left and waits for every write. */
  async flush(): Promise<void> {
    if (this.pending.length > 0) await this.send(this.pending.splice(0));
    const last = this.previous;
    this.previous = undefined;
    await last;
  }

  /** Starts writing `batch`, then waits for the batch before it: two in flight at most. */
  private async send(batch: DiscoveredResource[]): Promise<void> {
    const write = this.write(batch);
    // Handled here so a failure while the older batch is awaited is not "unhandled"; it is
    // still thrown where `write` is awaited.
    write.catch(() => {});
    const before = this.previous;
    this.previous = write;
    await before;
  }

  private async write(batch: DiscoveredResource[]): Promise<void> {
    // One row per key (a statement cannot write the same row twice), in key order.
    const byKey = new Map(batch.map((r) => [`${r.type}\u0000${r.externalId}`, r]));
    const unique = [...byKey.keys()].sort().map((key) => byKey.get(key)!);
    const owners = await this.owners.resolve(unique.map((r) => r.tags));
    if (this.mode === "append") {
      const appended = await this.append(unique, owners);
      if (appended !== ALREADY_STORED) {
        this.writtenCount += appended;
        return;
      }
      this.mode = "upsert";
    }
    await this.upsert(unique, owners);
  }

  /** The batch as rows for COPY, in one transaction that also moves the run's progress. */
  private async append(
    batch: readonly DiscoveredResource[],
    owners: readonly Owners[],
  ): Promise<number | typeof ALREADY_STORED> {
    const { integrationId, runId, scopeKey } = this.target;
    const rows = batch
      .map((r, i) =>
        copyTextRow([
          randomUUID(),
          integrationId,
          r.type,
          r.externalId,
          r.name,
          r.accountId,
          r.region,
          JSON.stringify(r.tags),
          JSON.stringify(r.metadata),
          pgTextArray(owners[i]!.owners),
          owners[i]!.source,
          scopeKey,
          runId,
        ]),
      )
      .join("");
    const client = await pgPoolOf(this.db).connect();
    let broken: Error | undefined;
    try {
      // Committed without waiting for the WAL flush, as UPDATE_THEN_INSERT explains.
      await client.query("BEGIN; SET LOCAL synchronous_commit = off");
      await pipeline(Readable.from([rows]), client.query(copyFrom(APPEND)));
      await client.query(countAndCommit(client, runId, batch.length));
      return batch.length;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      const code = (error as { code?: string }).code ?? "";
      if (LOST_RACE.has(code)) return ALREADY_STORED;
      // The run is over (a late worker), or its integration was deleted meanwhile.
      if (code === RUN_OVER || code === FOREIGN_KEY_VIOLATION) return 0;
      throw error;
    } finally {
      // A connection that could not roll back is closed, not handed to the next batch.
      client.release(broken);
    }
  }

  /** The batch as one UPDATE_THEN_INSERT statement, or as an upsert when it loses a race. */
  private async upsert(unique: readonly DiscoveredResource[], owners: readonly Owners[]): Promise<void> {
    const parameters = [
      this.target.integrationId,
      this.target.runId,
      this.target.scopeKey,
      JSON.stringify(
        unique.map((r, i) => ({
          type: r.type,
          external_id: r.externalId,
          name: r.name,
          account_id: r.accountId,
          region: r.region,
          tags: r.tags,
          metadata: r.metadata,
          owners: owners[i]!.owners,
          owner_source: owners[i]!.source,
        })),
      ),
    ];
    const pool = pgPoolOf(this.db);
    const { rows } = await pool
      .query<{ written: number }>(UPDATE_THEN_INSERT, parameters)
      .catch((error: { code?: string }) => {
        if (!LOST_RACE.has(error.code ?? "")) throw error;
        return pool.query<{ written: number }>(UPSERT_ON_CONFLICT, parameters);
      });
    this.writtenCount += rows[0]?.written ?? 0;
  }
}
