import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { likeText } from "../common/wildcard.ts";

export type ResourceFilter = { integrationId: string; type?: string; search?: string };

function whereOf(filter: ResourceFilter): Prisma.ResourceWhereInput {
  return {
    integrationId: filter.integrationId,
    ...(filter.type !== undefined ? { type: filter.type } : {}),
    ...(filter.search
      ? {
          OR: [
            { name: { contains: likeText(filter.search), mode: "insensitive" } },
            { externalId: { contains: likeText(filter.search), mode: "insensitive" } },
          ],
        }
      : {}),
  };
}

export function resourceRepository(db: Db) {
  return {
    /** By name, then id; `after` continues strictly after that row (keyset, never OFFSET). */
    list(filter: ResourceFilter & { after?: { name: string; id: string }; take: number }) {
      const after = filter.after;
      return db.resource.findMany({
        where: {
          AND: [
            whereOf(filter),
            // (name, id) > (after.name, after.id). The `gte` bound is what lets the index range
            // start at the cursor; the OR alone is only a filter over every earlier row.
            after
              ? {
                  name: { gte: after.name },
                  OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }],
                }
              : {},
          ],
        },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: filter.take,
      });
    },
    /**
     * Exact. Without a search it is read from the counters the database keeps per integration
     * and type (one indexed row per type); a search has to look at the rows themselves.
     */
    async count(filter: ResourceFilter): Promise<number> {
      if (filter.search) return db.resource.count({ where: whereOf(filter) });
      const counted = await db.resourceCount.aggregate({
        where: {
          integrationId: filter.integrationId,
          ...(filter.type !== undefined ? { type: filter.type } : {}),
        },
        _sum: { count: true },
      });
      return Number(counted._sum.count ?? 0);
    },
  };
}
