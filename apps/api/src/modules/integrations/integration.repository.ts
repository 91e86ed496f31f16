import type { Db } from "../../db/prisma.ts";
import { type IntegrationStatus, Prisma, type SyncRun } from "../../generated/prisma/client.ts";
import { wildcardConditions } from "../common/wildcard.ts";

type Client = Db | Prisma.TransactionClient;

export type IntegrationListFilter = {
  name?: string;
  types?: string[];
  statuses?: IntegrationStatus[];
  connectorIds?: string[];
  /** Continue strictly after this row of the (created_at desc, id desc) order. */
  after?: { createdAt: Date; id: string };
  take: number;
};

export const ACTIVE_RUN_STATES = ["queued", "running"] as const;

export function integrationRepository(db: Db) {
  return {
    findById(id: string, client: Client = db) {
      return client.integration.findUnique({ where: { id } });
    },

    /** Locks the row until the transaction ends, so refreshes, edits and deletes take turns. */
    async lockById(tx: Prisma.TransactionClient, id: string) {
      await tx.$queryRaw`SELECT id FROM integrations WHERE id = ${id}::uuid FOR UPDATE`;
      return tx.integration.findUnique({ where: { id } });
    },

    nameTaken(name: string, exceptId?: string) {
      return db.integration
        .findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } })
        .then(Boolean);
    },

    /** Newest first, by keyset (never OFFSET): each page costs the same however deep it is. */
    list(filter: IntegrationListFilter) {
      const and: Prisma.IntegrationWhereInput[] = [];
      if (filter.name !== undefined) and.push(...wildcardConditions("name", filter.name));
      if (filter.types?.length) {
        and.push({ OR: filter.types.map((type) => ({ AND: wildcardConditions("type", type) })) });
      }
      if (filter.statuses?.length) and.push({ status: { in: filter.statuses } });
      if (filter.connectorIds?.length) and.push({ connectorId: { in: filter.connectorIds } });
      if (filter.after) {
        const { createdAt, id } = filter.after;
        and.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
      }
      // With its latest fetch, joined in the same query (one round trip for the whole page).
      return db.integration.findMany({
        where: { AND: and },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: filter.take,
        include: { syncRuns: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 } },
        relationLoadStrategy: "join",
      });
    },

    /** The latest fetch of each integration (one indexed query, whatever their history). */
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

    activeRun(integrationId: string, client: Client = db) {
      return client.syncRun.findFirst({
        where: { integrationId, state: { in: [...ACTIVE_RUN_STATES] } },
        orderBy: { createdAt: "desc" },
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
