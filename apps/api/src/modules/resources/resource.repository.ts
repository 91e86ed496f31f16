import type pg from "pg";
import { likeText } from "../common/wildcard.ts";

export type ResourceFilter = { integrationId: string; type?: string; search?: string };

/** A `resources` row as PostgreSQL sends it (pg parses jsonb, arrays and timestamps). */
export type ResourceRow = {
  id: string;
  name: string;
  type: string;
  external_id: string;
  account_id: string | null;
  region: string | null;
  tags: unknown;
  owners: string[] | null;
  owner_source: "tag" | "fallback" | "none";
  first_seen: Date;
  last_seen: Date;
};

export type ResourcePageRows = { rows: ResourceRow[]; total: number };

// One statement per page: `total` and the rows. It goes to the pg pool under Prisma rather than
// through Prisma's query engine, which cost the API more CPU per page than everything else in
// the request together. Unnamed statements are planned with their parameters, so every
// `$n IS NULL OR …` folds away and each filter that is absent costs nothing.
export const RESOURCE_PAGE_SQL = `
WITH total AS (
  SELECT CASE
    WHEN $3::text IS NULL THEN (
      SELECT coalesce(sum(c.count), 0) FROM resource_counts c
      WHERE c.integration_id = $1::uuid AND ($2::text IS NULL OR c.type = $2::text))
    ELSE (
      SELECT count(*) FROM resources r
      WHERE r.integration_id = $1::uuid AND ($2::text IS NULL OR r.type = $2::text)
        AND (r.name ILIKE $3::text OR r.external_id ILIKE $3::text))
  END::float8 AS total
)
SELECT total.total, page.id, page.name, page.type, page.external_id, page.account_id, page.region,
       page.tags, page.owners, page.owner_source, page.first_seen, page.last_seen
FROM total
LEFT JOIN LATERAL (
  SELECT r.id, r.name, r.type, r.external_id, r.account_id, r.region, r.tags, r.owners,
         r.owner_source, r.first_seen, r.last_seen
  FROM resources r
  WHERE r.integration_id = $1::uuid
    AND ($2::text IS NULL OR r.type = $2::text)
    AND ($3::text IS NULL OR r.name ILIKE $3::text OR r.external_id ILIKE $3::text)
    -- (name, id) > cursor. The >= bound lets the index range start at the cursor; the OR alone
    -- would only filter every earlier row.
    AND ($4::text IS NULL OR (r.name >= $4::text AND (r.name > $4::text OR (r.name = $4::text AND r.id > $5::uuid))))
  ORDER BY r.name, r.id
  LIMIT $6::int
) page ON true
ORDER BY page.name, page.id`;

export type ResourcePageFilter = ResourceFilter & { after?: { name: string; id: string }; take: number };

/** RESOURCE_PAGE_SQL's parameters, in order. */
export function resourcePageParams(filter: ResourcePageFilter): unknown[] {
  return [
    filter.integrationId,
    filter.type ?? null,
    filter.search ? `%${likeText(filter.search)}%` : null,
    filter.after?.name ?? null,
    filter.after?.id ?? null,
    filter.take,
  ];
}

/** An integration's owner settings and the identity sources they may name, in one statement. */
const OWNER_SETTINGS_SQL = `
SELECT i.owner, i.owners_mapping AS "ownersMapping",
       (SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'type', s.type)), '[]')
        FROM identity_sources s) AS sources
FROM integrations i WHERE i.id = $1::uuid`;

export type OwnerSettingsRow = {
  owner: unknown;
  ownersMapping: unknown;
  sources: Array<{ id: string; name: string; type: string }>;
};

export function resourceRepository(pool: pg.Pool) {
  return {
    /** Null when there is no such integration. */
    async ownerSettings(integrationId: string): Promise<OwnerSettingsRow | null> {
      const { rows } = await pool.query<OwnerSettingsRow>(OWNER_SETTINGS_SQL, [integrationId]);
      return rows[0] ?? null;
    },

    /**
     * By name, then id; `after` continues strictly after that row (keyset, never OFFSET).
     * `total` is exact: without a search it is read from the counters the database keeps per
     * integration and type; a search has to count its matches.
     */
    async page(filter: ResourcePageFilter): Promise<ResourcePageRows> {
      const { rows } = await pool.query<
        { total: number } & (ResourceRow | { [K in keyof ResourceRow]: null })
      >(RESOURCE_PAGE_SQL, resourcePageParams(filter));
      return {
        total: rows[0]?.total ?? 0,
        rows: rows.filter((row): row is { total: number } & ResourceRow => row.id !== null),
      };
    },
  };
}
