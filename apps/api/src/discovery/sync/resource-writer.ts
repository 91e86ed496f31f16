import type { Db } from "../../db/prisma.ts";
import type { DiscoveredResource } from "../discoverers/types.ts";
import type { OwnerResolver } from "./owners.ts";

export type WriteTarget = { integrationId: string; runId: string; scopeKey: string };

/**
 * One statement per batch: the rows go in as parallel arrays (unnest), existing ones are
 * updated in place (ON CONFLICT on the natural key), and the run's progress counter moves
 * by the number written. Nothing is written once the run is over (a late worker).
 */
const UPSERT = `
WITH upserted AS (
  INSERT INTO resources (id, integration_id, type, external_id, name, account_id, region, tags, metadata,
                         owners, owner_source, scope_key, first_seen, last_seen, last_sync_run_id)
  SELECT gen_random_uuid(), $1::uuid, r.type, r.external_id, r.name, r.account_id, r.region, r.tags::jsonb,
         r.metadata::jsonb, ARRAY(SELECT jsonb_array_elements_text(r.owners::jsonb)), r.owner_source::"OwnerSource",
         $3, now(), now(), $2::uuid
  FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
    AS r(type, external_id, name, account_id, region, tags, metadata, owners, owner_source)
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
SELECT (SELECT count(*) FROM upserted)::int AS written`;

/**
 * Collects a scope's resources and writes them in batches of `batchSize`, so a scope holds
 * at most one batch in memory however large the account.
 */
export class ResourceWriter {
  private pending: DiscoveredResource[] = [];
  private writtenCount = 0;

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
      await this.write(this.pending.splice(0, this.batchSize));
    }
  }

  async flush(): Promise<void> {
    if (this.pending.length > 0) await this.write(this.pending.splice(0));
  }

  private async write(batch: DiscoveredResource[]): Promise<void> {
    // One row per key: ON CONFLICT cannot touch the same row twice in a statement.
    const unique = [...new Map(batch.map((r) => [`${r.type}\u0000${r.externalId}`, r])).values()];
    const owners = await this.owners.resolve(unique.map((r) => r.tags));
    const rows = await this.db.$queryRawUnsafe<Array<{ written: number }>>(
      UPSERT,
      this.target.integrationId,
      this.target.runId,
      this.target.scopeKey,
      unique.map((r) => r.type),
      unique.map((r) => r.externalId),
      unique.map((r) => r.name),
      unique.map((r) => r.accountId),
      unique.map((r) => r.region),
      unique.map((r) => JSON.stringify(r.tags)),
      unique.map((r) => JSON.stringify(r.metadata)),
      owners.map((o) => JSON.stringify(o.owners)),
      owners.map((o) => o.source),
    );
    this.writtenCount += rows[0]?.written ?? 0;
  }
}
