import type { Db } from "../../db/prisma.ts";
import { type IdentitySourceType, Prisma } from "../../generated/prisma/client.ts";
import { isUuid } from "../common/uuid.ts";
import { likeText } from "../common/wildcard.ts";
import type { DirectoryPerson } from "./directory.mapper.ts";

const insensitive = "insensitive" as const;
/** Only live people count: inactive or deleted ones can neither own nor be picked. */
const LIVE_PERSON = { active: true, deletedAt: null } as const;
const SOURCE = { select: { id: true, name: true, type: true } } as const;
/**
 * What the owner pickers search: email, user name and display name, lower-cased, joined by a
 * newline (no search spans two fields). Exactly the expression of the trigram index
 * `identity_people_search_trgm` (migration `owner_search_trigram`), or the index is not used.
 */
const PERSON_SEARCH_TEXT = Prisma.sql`lower(coalesce(p.email, '') || E'\n' || p.user_name || E'\n' || coalesce(p.display_name, ''))`;

/** A person as the picker's search reads it, with its source. */
type PersonRow = {
  id: string;
  email: string | null;
  user_name: string;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  source_id: string;
  source_name: string;
  source_type: IdentitySourceType;
};

/** The columns of a PersonRow, from `p` (a person) and `s` (its source). */
const PERSON_COLUMNS = Prisma.sql`p.id::text AS id, p.email, p.user_name, p.display_name, p.given_name,
  p.family_name, p.source_id::text AS source_id, s.name AS source_name, s.type::text AS source_type`;

/** Up to this many matches, a search's matches are all read (from the trigram index) and sorted. */
const FEW_MATCHES = 1_000;

function toPerson(row: PersonRow): DirectoryPerson {
  return {
    id: row.id,
    email: row.email,
    userName: row.user_name,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    sourceId: row.source_id,
    source: { id: row.source_id, name: row.source_name, type: row.source_type },
  };
}

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
     * order, with their source. A search is first answered from the trigram index on
     * `PERSON_SEARCH_TEXT`: at most FEW_MATCHES + 1 matches, then sorted (a MATERIALIZED step, so
     * PostgreSQL cannot trade it for reading the email index in order and filtering: with the
     * matches of "bench.user0158" bunched together in email order, it read 15,800 rows to find
     * 20, 38 ms). Only a search matching more than that (a few letters, "example.com") takes the
     * statement that reads in email order, which then finds its page at once.
     */
    async searchUsers(filter: {
      sourceId?: string;
      search?: string;
      take: number;
    }): Promise<DirectoryPerson[]> {
      // The fields are joined by newlines: a search holding one would match across two fields.
      if (filter.search?.includes("\n")) return [];
      const inSource =
        filter.sourceId !== undefined ? Prisma.sql`AND p.source_id = ${filter.sourceId}::uuid` : Prisma.empty;
      const matches = filter.search
        ? Prisma.sql`AND ${PERSON_SEARCH_TEXT} LIKE lower('%' || ${likeText(filter.search)} || '%')`
        : Prisma.empty;
      if (filter.search) {
        const few = await db.$queryRaw<Array<PersonRow & { matches: bigint }>>`
          WITH hits AS MATERIALIZED (
            SELECT p.* FROM identity_people p
             WHERE p.active AND p.deleted_at IS NULL ${inSource} ${matches}
             LIMIT ${FEW_MATCHES + 1})
          SELECT ${PERSON_COLUMNS}, count(*) OVER () AS matches
            FROM hits p JOIN identity_sources s ON s.id = p.source_id
           ORDER BY p.email, p.user_name, p.id
           LIMIT ${filter.take}`;
        if (Number(few[0]?.matches ?? 0) <= FEW_MATCHES) return few.map(toPerson);
      }
      const rows = await db.$queryRaw<Array<PersonRow>>`
        SELECT ${PERSON_COLUMNS}
          FROM identity_people p JOIN identity_sources s ON s.id = p.source_id
         WHERE p.active AND p.deleted_at IS NULL ${inSource} ${matches}
         ORDER BY p.email, p.user_name, p.id
         LIMIT ${filter.take}`;
      return rows.map(toPerson);
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
