import type pg from "pg";
import { likeText } from "../common/wildcard.ts";

export type ResourceFilter = { integrationId: string; type?: string; search?: string };

/**
 * One page as PostgreSQL built it: `data` is the JSON text of the page's resources (the `data`
 * array of ResourceListV3, byte for byte what JSON.stringify makes of the mapped rows), `last`
 * the sort key of its last row when more rows follow.
 */
export type ResourcePageJson = {
  total: number;
  count: number;
  data: string;
  last: { name: string; id: string } | null;
};

// A JSON string as JSON.stringify writes it: to_json escapes the same characters (quote,
// backslash, control characters as \b \f \n \r \t or \u00xx) and leaves the rest as UTF-8.
const str = (sql: string) => `to_json(${sql})::text`;
const nullableStr = (sql: string) => `coalesce(to_json(${sql})::text, 'null')`;
// Date.prototype.toISOString: UTC, milliseconds (the columns are timestamptz(3)).
const isoDate = (sql: string) =>
  `'"' || to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'`;

// The string-valued tags (AWS's are all strings; anything else in the column is left out) in the
// order JSON.parse gave them to the mapper this replaced: keys that are array indexes ("0",
// "17") first, ascending, then the rest in jsonb's order (shorter keys first).
const TAGS_JSON = `coalesce((
    SELECT '{' || string_agg(to_json(t.key)::text || ':' || to_json(t.value #>> '{}')::text, ','
      ORDER BY CASE WHEN t.key ~ '^(0|[1-9][0-9]{0,9})$' THEN
                 CASE WHEN t.key::int8 <= 4294967294 THEN t.key::int8 END END NULLS LAST, t.n) || '}'
    FROM jsonb_each(CASE WHEN jsonb_typeof(p.tags) = 'object' THEN p.tags END) WITH ORDINALITY t(key, value, n)
    WHERE jsonb_typeof(t.value) = 'string'
  ), '{}')`;

// ResourceResponse plus `portcullis`, fields in the published order. Discovered resources are
// listed while they exist: Active.
const RESOURCE_JSON = [
  `'{"id":' || ${str("p.id::text")}`,
  `',"name":' || ${str("p.name")}`,
  `',"type":' || ${str("p.type")}`,
  `',"status":{"status":"Active","message":null},"portcullis":{"external_id":' || ${str("p.external_id")}`,
  `',"account_id":' || ${nullableStr("p.account_id")}`,
  `',"region":' || ${nullableStr("p.region")}`,
  `',"tags":' || ${TAGS_JSON}`,
  `',"owners":' || coalesce(array_to_json(p.owners)::text, '[]')`,
  `',"owner_source":' || ${str("p.owner_source::text")}`,
  `',"first_seen":' || ${isoDate("p.first_seen")}`,
  `',"last_seen":' || ${isoDate("p.last_seen")} || '}}'`,
].join("\n    || ");

// One statement per page, on the pg pool under Prisma: `total`, and the page's JSON built by
// PostgreSQL, so the API sends it as it comes (no row parsing, mapping or JSON.stringify per
// row in Node: they were most of a page's cost). Unnamed statements are planned with their
// parameters, so every `$n IS NULL OR …` folds away and each filter that is absent costs nothing.
// $6 is the page size; one row more is read to know whether another page follows.
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
),
fetched AS (
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
  LIMIT $6::int + 1
),
page AS (
  SELECT * FROM fetched p ORDER BY p.name, p.id LIMIT $6::int
)
SELECT total.total,
       (SELECT count(*)::int FROM page) AS count,
       (SELECT count(*) FROM fetched) > $6::int AS more,
       last.name AS last_name, last.id::text AS last_id,
       coalesce((
         SELECT '[' || string_agg(
           ${RESOURCE_JSON},
           ',' ORDER BY p.name, p.id) || ']'
         FROM page p
       ), '[]') AS data
FROM total
LEFT JOIN LATERAL (SELECT p.name, p.id FROM page p ORDER BY p.name DESC, p.id DESC LIMIT 1) last ON true`;

export type ResourcePageFilter = ResourceFilter & { after?: { name: string; id: string }; limit: number };

/** RESOURCE_PAGE_SQL's parameters, in order. */
export function resourcePageParams(filter: ResourcePageFilter): unknown[] {
  return [
    filter.integrationId,
    filter.type ?? null,
    filter.search ? `%${likeText(filter.search)}%` : null,
    filter.after?.name ?? null,
    filter.after?.id ?? null,
    filter.limit,
  ];
}

type PageRow = {
  total: number;
  count: number;
  more: boolean;
  last_name: string | null;
  last_id: string | null;
  data: string;
};

export function resourceRepository(pool: pg.Pool) {
  return {
    /**
     * By name, then id; `after` continues strictly after that row (keyset, never OFFSET).
     * `total` is exact: without a search it is read from the counters the database keeps per
     * integration and type; a search has to count its matches.
     */
    async pageJson(filter: ResourcePageFilter): Promise<ResourcePageJson> {
      const { rows } = await pool.query<PageRow>(RESOURCE_PAGE_SQL, resourcePageParams(filter));
      const row = rows[0]!;
      const last =
        row.more && row.last_name !== null && row.last_id !== null
          ? { name: row.last_name, id: row.last_id }
          : null;
      return { total: row.total, count: row.count, data: row.data, last };
    },
  };
}
