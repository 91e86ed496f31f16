import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { isUuid } from "../common/uuid.ts";
import { likeText } from "../common/wildcard.ts";

const insensitive = "insensitive" as const;
/** Only live people count: inactive or deleted ones can neither own nor be picked. */
const LIVE_PERSON = { active: true, deletedAt: null } as const;
const SOURCE = { select: { id: true, name: true, type: true } } as const;

/** The one directory: every identity source's people and groups, as the owner pickers read them. */
export function directoryRepository(db: Db) {
  return {
    sources(client: Db | Prisma.TransactionClient = db) {
      return client.identitySource.findMany({
        select: { id: true, name: true, type: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      });
    },

    searchUsers(filter: { sourceId?: string; search?: string; take: number }) {
      const text = filter.search ? likeText(filter.search) : undefined;
      return db.identityPerson.findMany({
        where: {
          ...LIVE_PERSON,
          ...(filter.sourceId !== undefined ? { sourceId: filter.sourceId } : {}),
          ...(text
            ? {
                OR: [
                  { email: { contains: text, mode: insensitive } },
                  { userName: { contains: text, mode: insensitive } },
                  { displayName: { contains: text, mode: insensitive } },
                ],
              }
            : {}),
        },
        orderBy: [{ email: "asc" }, { userName: "asc" }, { id: "asc" }],
        take: filter.take,
        include: { source: SOURCE },
      });
    },

    searchGroups(filter: { sourceId?: string; search?: string; take: number }) {
      return db.identityGroup.findMany({
        where: {
          ...(filter.sourceId !== undefined ? { sourceId: filter.sourceId } : {}),
          ...(filter.search ? { displayName: { contains: likeText(filter.search), mode: insensitive } } : {}),
        },
        orderBy: [{ displayName: "asc" }, { id: "asc" }],
        take: filter.take,
        include: {
          source: SOURCE,
          _count: { select: { members: { where: { person: LIVE_PERSON } } } },
        },
      });
    },

    /** Live people of a source (or all) matching any of `values` by email, user name (any case) or id. */
    usersMatching(sourceId: string | null, values: readonly string[]) {
      const ids = values.filter(isUuid);
      const lower = values.map((value) => value.toLowerCase());
      return db.identityPerson.findMany({
        where: {
          ...LIVE_PERSON,
          ...(sourceId ? { sourceId } : {}),
          OR: [
            { email: { in: lower } },
            { userNameKey: { in: lower } },
            ...(ids.length ? [{ id: { in: ids } }] : []),
          ],
        },
        select: { id: true, email: true, userNameKey: true },
      });
    },

    /** Groups of a source (or all) matching any of `values` by name (any case) or id. */
    groupsMatching(sourceId: string | null, values: readonly string[]) {
      const ids = values.filter(isUuid);
      return db.identityGroup.findMany({
        where: {
          ...(sourceId ? { sourceId } : {}),
          OR: [
            { displayNameKey: { in: values.map((value) => value.toLowerCase()) } },
            ...(ids.length ? [{ id: { in: ids } }] : []),
          ],
        },
        select: { id: true, displayNameKey: true },
      });
    },
  };
}

export type DirectoryRepository = ReturnType<typeof directoryRepository>;
