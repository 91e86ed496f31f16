import type pg from "pg";
import type { DirectorySource } from "../../core/directory-sources.ts";
import type { IntegrationStatus } from "../../generated/prisma/client.ts";
import { wildcardLikePatterns } from "../common/wildcard.ts";
import type { LatestRun, ListedIntegration } from "./integration.mapper.ts";

export type IntegrationListFilter = {
  name?: string;
  types?: string[];
  statuses?: IntegrationStatus[];
  connectorIds?: string[];
  /** Continue strictly after this row of the (created_at desc, id desc) order. */
  after?: { createdAt: Date; id: string };
  take: number;
};

export type IntegrationListPage = {
  rows: Array<{ integration: ListedIntegration; latestRun: LatestRun | undefined }>;
  providers: DirectorySource[];
};

type Row = ListedIntegration & {
  providers: DirectorySource[];
  runId: string | null;
  runState: LatestRun["state"] | null;
  runStartedAt: Date | null;
  runFinishedAt: Date | null;
  runScopesTotal: number | null;
  runScopesDone: number | null;
  runScopesFailed: number | null;
  runResourcesFound: number | null;
  runAccountsFound: number | null;
  runErrors: unknown;
};

/** Positional parameters for a statement built from optional parts. */
class SqlParameters {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

function conditionsOf(filter: IntegrationListFilter, params: SqlParameters): string[] {
  const ilike = (column: string, pattern: string) =>
    wildcardLikePatterns(pattern).map((like) => `${column} ILIKE ${params.add(like, "::text")}`);
  const conditions: string[] = [];
  if (filter.name !== undefined) conditions.push(...ilike("i.name", filter.name));
  if (filter.types?.length) {
    const any = filter.types.map((type) => {
      const all = ilike("i.type", type);
      return all.length > 0 ? `(${all.join(" AND ")})` : "TRUE";
    });
    conditions.push(`(${any.join(" OR ")})`);
  }
  if (filter.statuses?.length) {
    conditions.push(`i.status = ANY(${params.add(filter.statuses, '::"IntegrationStatus"[]')})`);
  }
  if (filter.connectorIds?.length) {
    conditions.push(`i.connector_id = ANY(${params.add(filter.connectorIds, "::text[]")})`);
  }
  if (filter.after) {
    const createdAt = params.add(filter.after.createdAt, "::timestamptz");
    conditions.push(`(i.created_at, i.id) < (${createdAt}, ${params.add(filter.after.id, "::uuid")})`);
  }
  return conditions;
}

/**
 * Newest first, by keyset (never OFFSET), each integration with its latest fetch, and the
 * identity sources the owners refer to: one statement on the pg pool under Prisma. It is the
 * admin's most-read list; Prisma's query engine cost the API more CPU than everything else in
 * the request together.
 */
export async function listIntegrations(
  pool: pg.Pool,
  filter: IntegrationListFilter,
): Promise<IntegrationListPage> {
  const params = new SqlParameters();
  const conditions = conditionsOf(filter, params);
  const sql = `
    SELECT providers.list AS providers, page.*
    FROM (
      SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'type', p.type)), '[]') AS list
      FROM identity_sources p
    ) providers
    LEFT JOIN LATERAL (
      SELECT i.id, i.name, i.type, i.status, i.status_message AS "statusMessage",
             i.last_sync_time AS "lastSyncTime", i.connector_id AS "connectorId",
             coalesce(i.connected_resource_types, '{}') AS "connectedResourceTypes",
             i.integration_config AS "integrationConfig",
             i.custom_access_details AS "customAccessDetails", i.owner,
             i.owners_mapping AS "ownersMapping", i.created_at AS "createdAt", i.updated_at AS "updatedAt",
             run.id AS "runId", run.state AS "runState", run.started_at AS "runStartedAt",
             run.finished_at AS "runFinishedAt", run.scopes_total AS "runScopesTotal",
             run.scopes_done AS "runScopesDone", run.scopes_failed AS "runScopesFailed",
             run.resources_found AS "runResourcesFound", run.accounts_found AS "runAccountsFound",
             run.errors AS "runErrors"
      FROM integrations i
      LEFT JOIN LATERAL (
        SELECT * FROM sync_runs sr WHERE sr.integration_id = i.id
        ORDER BY sr.created_at DESC, sr.id DESC LIMIT 1
      ) run ON true
      ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
      ORDER BY i.created_at DESC, i.id DESC
      LIMIT ${params.add(filter.take, "::int")}
    ) page ON true
    ORDER BY page."createdAt" DESC, page.id DESC`;
  const { rows } = await pool.query<Row | ({ [K in keyof Row]: null } & Pick<Row, "providers">)>(
    sql,
    params.values,
  );
  return {
    providers: rows[0]?.providers ?? [],
    rows: rows.flatMap((row) => (row.id === null ? [] : [toListed(row as Row)])),
  };
}

function toListed(row: Row): IntegrationListPage["rows"][number] {
  const {
    providers: _,
    runId,
    runState,
    runStartedAt,
    runFinishedAt,
    runScopesTotal,
    runScopesDone,
    runScopesFailed,
    runResourcesFound,
    runAccountsFound,
    runErrors,
    ...integration
  } = row;
  const latestRun: LatestRun | undefined =
    runId === null || runState === null
      ? undefined
      : {
          id: runId,
          state: runState,
          startedAt: runStartedAt,
          finishedAt: runFinishedAt,
          scopesTotal: runScopesTotal ?? 0,
          scopesDone: runScopesDone ?? 0,
          scopesFailed: runScopesFailed ?? 0,
          resourcesFound: runResourcesFound ?? 0,
          accountsFound: runAccountsFound ?? 0,
          errors: (runErrors ?? []) as LatestRun["errors"],
        };
  return { integration, latestRun };
}
