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
            after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
          ],
        },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: filter.take,
      });
    },
    count(filter: ResourceFilter) {
      return db.resource.count({ where: whereOf(filter) });
    },
  };
}
