import { type Db, pgPoolOf } from "../../db/prisma.ts";
import type { DiscoveredResource } from "../discoverers/types.ts";
import type { OwnerResolver } from "./owners.ts";

export type WriteTarget = { integrationId: string; runId: string; scopeKey: string };

/**
 * One statement per batch: the rows go in as one JSON array (read with jsonb_to_recordset, so
 * tags and metadata arrive as jsonb and owners as text[] without per-row parsing), existing
 * ones are updated in place (ON CONFLICT on the natural key), and the run's progress counter
 * moves by the number written. Nothing is written once the run is over (a late worker).
 *
 * The batch commits without waiting for its WAL flush (synchronous_commit off, for this
 * transaction only): a database crash could lose the last batches of a scope still running,
 * never a finished one, because the scope is marked done by an ordinary commit, which flushes
 * the WAL written before it. A scope that loses its worker or its database is fetched again.
 */
const UPSERT = `
WITH upserted AS (
  INSERT INTO resources (id, integration_id, type, external_id, name, account_id, region, tags, metadata,
                         owners, owner_source, scope_key, first_seen, last_seen, last_sync_run_id)
  SELECT gen_random_uuid(), $1::uuid, r.type, r.external_id, r.name, r.account_id, r.region, r.tags,
         r.metadata, r.owners, r.owner_source::"OwnerSource", $3, now(), now(), $2::uuid
  FROM jsonb_to_recordset($4::jsonb)
    AS r(type text, external_id text, name text, account_id text, region text, tags jsonb, metadata jsonb,
         owners text[], owner_source text)
  WHERE EXISTS (SELECT 1 FROM sync_runs WHERE id = $2::uuid AND state = 'running')
  ON CONFLICT (integration_id, type, external_id) DO UPDATE SET
    name = EXCLUDED.name, account_id = EXCLUDED.account_id, region = EXCLUDED.region, tags = EXCLUDED.tags,
    metadata = EXCLUDED.metadata, owners = EXCLUDED.owners, owner_source = EXCLUDED.owner_source,
    scope_key = EXCLUDED.scope_key, last_seen = EXCLUDED.last_seen, last_sync_run_id = EXCLUDED.last_sync_run_id
  RETURNING 1
), progress AS (
  UPDATE sync_runs SET resources_found = resources_found + (SELECT count(*) FROM upserted)
  WHERE id = $2::uuid AND state = 'running'
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int AS written,
       set_config('synchronous_commit', 'off', true) AS commit_mode`;

/**
 * Collects a scope's resources and writes them in batches of `batchSize`, so a scope holds
 * at most two batches in memory however large the account. Two batches are written at once
 * (one statement each, on two connections): the next batch is sent while the database
 * writes the previous one. Rows are sent in key order, so two batches sharing a row lock it
 * in the same order and cannot deadlock.
 */
export class ResourceWriter {
  private pending: DiscoveredResource[] = [];
  private writtenCount = 0;
  /** The batch being written, if any; a failure is thrown by the next add or flush. */
  private previous: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly owners: OwnerResolver,
    private readonly target: WriteTarget,
    private readonly batchSize: number,
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
    // One row per key (ON CONFLICT cannot touch the same row twice in a statement), in key order.
    const byKey = new Map(batch.map((r) => [`${r.type}\u0000${r.externalId}`, r]));
    const unique = [...byKey.keys()].sort().map((key) => byKey.get(key)!);
    const owners = await this.owners.resolve(unique.map((r) => r.tags));
    const { rows } = await pgPoolOf(this.db).query<{ written: number }>(UPSERT, [
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
    ]);
    this.writtenCount += rows[0]?.written ?? 0;
  }
}
