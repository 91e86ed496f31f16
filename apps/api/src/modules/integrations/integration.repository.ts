import type { Db } from "../../db/prisma.ts";
import { Prisma, type SyncRun } from "../../generated/prisma/client.ts";

type Client = Db | Prisma.TransactionClient;

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
