import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { isUuid } from "../common/uuid.ts";
import { likeText } from "../common/wildcard.ts";

const insensitive = "insensitive" as const;

export function directoryRepository(db: Db) {
  return {
    providers(client: Db | Prisma.TransactionClient = db) {
      return client.identityProvider.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] });
    },
    searchUsers(filter: { providerId?: string; search?: string; take: number }) {
      const where: Prisma.DirectoryUserWhereInput = {
        ...(filter.providerId !== undefined ? { providerId: filter.providerId } : {}),
        ...(filter.search
          ? {
              OR: [
                { email: { contains: likeText(filter.search), mode: insensitive } },
                { name: { contains: likeText(filter.search), mode: insensitive } },
              ],
            }
          : {}),
      };
      return db.directoryUser.findMany({
        where,
        orderBy: [{ email: "asc" }, { id: "asc" }],
        take: filter.take,
      });
    },
    searchGroups(filter: { providerId?: string; search?: string; take: number }) {
      const where: Prisma.DirectoryGroupWhereInput = {
        ...(filter.providerId !== undefined ? { providerId: filter.providerId } : {}),
        ...(filter.search ? { name: { contains: likeText(filter.search), mode: insensitive } } : {}),
      };
      return db.directoryGroup.findMany({
        where,
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: filter.take,
        include: { _count: { select: { memberships: true } } },
      });
    },
    /** Users of a provider matching any of `values` by email (any case) or id. */
    usersMatching(providerId: string, values: readonly string[]) {
      const ids = values.filter(isUuid);
      return db.directoryUser.findMany({
        where: {
          providerId,
          OR: [
            { email: { in: values.map((value) => value.toLowerCase()) } },
            ...(ids.length ? [{ id: { in: ids } }] : []),
          ],
        },
        select: { id: true, email: true },
      });
    },
    /** Groups of a provider matching any of `values` by name (any case) or id. */
    groupsMatching(providerId: string, values: readonly string[]) {
      const ids = values.filter(isUuid);
      return db.directoryGroup.findMany({
        where: {
          providerId,
          OR: [
            ...values.map((value) => ({ name: { equals: likeText(value), mode: insensitive } })),
            ...(ids.length ? [{ id: { in: ids } }] : []),
          ],
        },
        select: { id: true, name: true },
      });
    },
  };
}

export type DirectoryRepository = ReturnType<typeof directoryRepository>;
