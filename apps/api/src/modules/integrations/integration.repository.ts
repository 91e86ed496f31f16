import { withParsedConfig } from "../../core/integration-config.ts";
import { ACTIVE_RUN_STATES, lockIntegration } from "../../core/sync-run.repository.ts";
import { type Db, pgPoolOf } from "../../db/prisma.ts";
import { type IntegrationStatus, Prisma, type SyncRun } from "../../generated/prisma/client.ts";
import { type IntegrationListFilter, listIntegrations } from "./integration-list.query.ts";

type Client = Db | Prisma.TransactionClient;

/** The columns an admin sets (create and update), as Prisma writes them. */
export type IntegrationColumns = {
  name: string;
  connectorId: string;
  integrationConfig: Prisma.InputJsonObject;
  connectedResourceTypes: string[];
  customAccessDetails: string | null;
  owner: Prisma.InputJsonObject | typeof Prisma.DbNull;
  ownersMapping: Prisma.InputJsonObject | typeof Prisma.DbNull;
};

/** The `integrations` table and the fetch history an integration's views read. */
export type AuditWarning = { accountId: string; region: string; code: string; message: string; fix: string };

export function integrationRepository(db: Db) {
  return {
    async findById(id: string, client: Client = db) {
      const row = await client.integration.findUnique({ where: { id } });
      return row ? withParsedConfig(row) : null;
    },

    /** Locks the row until the transaction ends, so refreshes, edits and deletes take turns. */
    lockById(tx: Prisma.TransactionClient, id: string) {
      return lockIntegration(tx, id);
    },

    exists(id: string) {
      return db.integration.count({ where: { id } }).then((count) => count > 0);
    },

    /** The type, for the update route's check that `type` is not changed. */
    typeOf(id: string) {
      return db.integration
        .findUnique({ where: { id }, select: { type: true } })
        .then((row) => row?.type ?? null);
    },

    /**
     * Names are unique ignoring case: "ux prod account" is "UX Prod Account". Raw SQL because it
     * must compare exactly as the unique index on lower(name) does (and use it); Prisma's
     * `mode: "insensitive"` is an ILIKE, to which the "_" names may contain is a wildcard.
     */
    async nameTaken(name: string, exceptId?: string) {
      const rows = await db.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM integrations
         WHERE lower(name) = lower(${name}) AND (${exceptId ?? null}::uuid IS NULL OR id <> ${exceptId ?? null}::uuid)
         LIMIT 1`;
      return rows.length > 0;
    },

    create(tx: Prisma.TransactionClient, data: IntegrationColumns & { type: string }) {
      return tx.integration.create({ data: { ...data, status: "Initializing" } });
    },

    update(tx: Prisma.TransactionClient, id: string, data: IntegrationColumns) {
      return tx.integration.update({ where: { id }, data });
    },

    setStatus(tx: Prisma.TransactionClient, id: string, status: IntegrationStatus) {
      return tx.integration.update({ where: { id }, data: { status } });
    },

    /** Deletes the integration; its runs and resources go with it (foreign keys cascade). */
    delete(tx: Prisma.TransactionClient, id: string) {
      return tx.integration.delete({ where: { id } });
    },

    resourceCount(tx: Prisma.TransactionClient, id: string) {
      return tx.resource.count({ where: { integrationId: id } });
    },

    /** Entitlements of the integration whose access is (or is about to be) in AWS. */
    async liveGrants(tx: Prisma.TransactionClient, id: string) {
      const rows = await tx.accessRequestEntitlement.findMany({
        where: {
          integrationId: id,
          OR: [
            { status: { in: ["GRANTING", "GRANTED", "REVOKING"] } },
            // Approved, its grant job not yet run.
            { status: "PENDING", request: { status: { in: ["APPROVED", "GRANTING"] } } },
          ],
        },
        select: { requestId: true },
      });
      return { grants: rows.length, requests: new Set(rows.map((row) => row.requestId)).size };
    },

    /** The filtered, keyset-paginated list (one statement, see integration-list.query.ts). */
    async list(filter: IntegrationListFilter) {
      const page = await listIntegrations(pgPoolOf(db), filter);
      return {
        ...page,
        rows: page.rows.map((row) => ({ ...row, integration: withParsedConfig(row.integration) })),
      };
    },

    /** The latest fetch of each integration (one indexed query, whatever their history). */
    // Raw SQL: Prisma has no DISTINCT ON, and reading every run to keep the newest would grow
    // with the history.
    async latestRuns(integrationIds: readonly string[], client: Client = db): Promise<Map<string, SyncRun>> {
      if (integrationIds.length === 0) return new Map();
      const latest = await client.$queryRaw<Array<{ id: string }>>`
        SELECT DISTINCT ON (integration_id) id::text AS id
        FROM sync_runs
        WHERE integration_id IN (${Prisma.join(integrationIds.map((id) => Prisma.sql`${id}::uuid`))})
        ORDER BY integration_id, created_at DESC, id DESC`;
      const runs = await client.syncRun.findMany({ where: { id: { in: latest.map((row) => row.id) } } });
      return new Map(runs.map((run) => [run.integrationId, run]));
    },

    /** Accounts and regions whose CloudTrail the audit ingest could not read (audit-ingest/). */
    async auditWarnings(integrationIds: readonly string[]): Promise<Map<string, AuditWarning[]>> {
      const byIntegration = new Map<string, AuditWarning[]>();
      if (integrationIds.length === 0) return byIntegration;
      const rows = await db.activityIngestWarning.findMany({
        where: { integrationId: { in: [...integrationIds] } },
        orderBy: [{ accountId: "asc" }, { region: "asc" }],
      });
      for (const row of rows) {
        const list = byIntegration.get(row.integrationId) ?? [];
        list.push(row);
        byIntegration.set(row.integrationId, list);
      }
      return byIntegration;
    },

    /** Fetch history, newest first. */
    syncRuns(id: string, take: number) {
      return db.syncRun.findMany({
        where: { integrationId: id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take,
      });
    },

    /** pg-boss ids of the fetches still waiting or running. */
    pendingJobIds(integrationId: string, client: Client = db) {
      return client.syncRun
        .findMany({
          where: { integrationId, state: { in: [...ACTIVE_RUN_STATES] }, jobId: { not: null } },
          select: { jobId: true },
        })
        .then((runs) => runs.flatMap((run) => (run.jobId ? [run.jobId] : [])));
    },
  };
}

export type IntegrationRepository = ReturnType<typeof integrationRepository>;
