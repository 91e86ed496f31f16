import type { Db } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { isUuid } from "../common/uuid.ts";
import { likeText } from "../common/wildcard.ts";

const insensitive = "insensitive" as const;
/** Only live people count: inactive or deleted ones can neither own nor be picked. */
const LIVE_PERSON = { active: true, deletedAt: null } as const;
const SOURCE = { select: { id: true, name: true, type: true } } as const;
/**
 * What the owner pickers search: email, user name and display name, lower-cased, joined by a
 * newline (no search spans two fields). Exactly the expression of the trigram index
 * `identity_people_search_trgm` (migration `owner_search_trigram`), or the index is not used.
 */
const PERSON_SEARCH_TEXT = Prisma.sql`lower(coalesce(email, '') || E'\n' || user_name || E'\n' || coalesce(display_name, ''))`;

/** The one directory: every identity source's people and groups, as the owner pickers read them. */
export function directoryRepository(db: Db) {
  return {
    sources(client: Db | Prisma.TransactionClient = db) {
      return client.identitySource.findMany({
        select: { id: true, name: true, type: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      });
    },

    /**
     * Live people whose email, user name or display name contains `search` (any case), in email
     * order. The ids come from one statement on `PERSON_SEARCH_TEXT` (its trigram index, or the
     * email index read in order when nearly everyone matches); the rows, with their source, by id.
     */
    async searchUsers(filter: { sourceId?: string; search?: string; take: number }) {
      // The fields are joined by newlines: a search holding one would match across two fields.
      if (filter.search?.includes("\n")) return [];
      const ids = await db.$queryRaw<Array<{ id: string }>>`
        SELECT id::text AS id FROM identity_people
         WHERE active AND deleted_at IS NULL
           ${filter.sourceId !== undefined ? Prisma.sql`AND source_id = ${filter.sourceId}::uuid` : Prisma.empty}
           ${filter.search ? Prisma.sql`AND ${PERSON_SEARCH_TEXT} LIKE lower('%' || ${likeText(filter.search)} || '%')` : Prisma.empty}
         ORDER BY email, user_name, id
         LIMIT ${filter.take}`;
      if (ids.length === 0) return [];
      const rows = await db.identityPerson.findMany({
        where: { id: { in: ids.map((row) => row.id) } },
        include: { source: SOURCE },
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((row) => byId.get(row.id) ?? []);
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
