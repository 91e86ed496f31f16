import type { Db } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { likeText, wildcardLikePatterns } from "../common/wildcard.ts";

const insensitive = "insensitive" as const;
const SOURCE = { select: { id: true, name: true } } as const;

/**
 * Apono's `*` pattern as ANDed Prisma conditions on one text column, any case: `a*` starts
 * with, `*a` ends with, `*a*` contains, no star equals (see common/wildcard.ts).
 */
function wildcard(field: "givenName" | "familyName" | "displayName", pattern: string | undefined) {
  if (!pattern) return [];
  if (!pattern.includes("*")) return [{ [field]: { equals: likeText(pattern), mode: insensitive } }];
  const pieces = pattern.split("*");
  const last = pieces.length - 1;
  return pieces.flatMap((piece, index) => {
    if (!piece) return [];
    const op = index === 0 ? "startsWith" : index === last ? "endsWith" : "contains";
    return [{ [field]: { [op]: likeText(piece), mode: insensitive } }];
  });
}

// Attribute columns of people, by the type name the API uses; fixed SQL, never from input.
const ATTRIBUTE_COLUMNS = {
  department: "p.department",
  title: "p.title",
  manager: "p.manager_id",
  employee_number: "p.employee_number",
  cost_center: "p.cost_center",
  organization: "p.organization",
  division: "p.division",
} as const;

export type AttributeRow = { type: string; value: string; source_id: string; source_name: string };

/** Reads of Apono's directory API: people (not deleted) and groups of every source. */
export function directoryApiRepository(db: Db) {
  return {
    users(filter: {
      firstName?: string;
      lastName?: string;
      sourceId?: string;
      sourceName?: string;
      afterId?: string;
      take: number;
    }) {
      return db.identityPerson.findMany({
        where: {
          deletedAt: null,
          AND: [
            ...wildcard("givenName", filter.firstName),
            ...wildcard("familyName", filter.lastName),
            ...(filter.sourceId ? [{ sourceId: filter.sourceId }] : []),
            ...(filter.sourceName
              ? [{ source: { name: { equals: likeText(filter.sourceName), mode: insensitive } } }]
              : []),
            ...(filter.afterId ? [{ id: { gt: filter.afterId } }] : []),
          ],
        },
        orderBy: { id: "asc" },
        take: filter.take,
        include: { source: SOURCE },
      });
    },

    user(id: string) {
      return db.identityPerson.findFirst({ where: { id, deletedAt: null }, include: { source: SOURCE } });
    },

    groups(filter: { name?: string; afterId?: string; take: number }) {
      return db.identityGroup.findMany({
        where: {
          AND: [
            ...wildcard("displayName", filter.name),
            ...(filter.afterId ? [{ id: { gt: filter.afterId } }] : []),
          ],
        },
        orderBy: { id: "asc" },
        take: filter.take,
        include: { source: SOURCE },
      });
    },

    group(id: string) {
      return db.identityGroup.findUnique({ where: { id }, include: { source: SOURCE } });
    },

    /** Live members' emails (else user names), by person id. */
    members(groupId: string, afterId: string | undefined, take: number) {
      return db.identityGroupMember.findMany({
        where: {
          groupId,
          person: { active: true, deletedAt: null },
          ...(afterId ? { personId: { gt: afterId } } : {}),
        },
        orderBy: { personId: "asc" },
        take,
        select: { personId: true, person: { select: { email: true, userName: true } } },
      });
    },

    /** Live people and groups, people first (by email), then groups (by name). */
    async identities(offset: number, take: number) {
      const [people, groups] = await Promise.all([
        db.identityPerson.count({ where: { active: true, deletedAt: null } }),
        db.identityGroup.count(),
      ]);
      const rows = await db.$queryRaw<Array<{ type: "user" | "group"; name: string; id: string }>>`
        SELECT * FROM (
          SELECT 'user' AS type, coalesce(p.email, p.user_name) AS name, p.id::text AS id, 0 AS k
          FROM identity_people p WHERE p.active AND p.deleted_at IS NULL
          UNION ALL
          SELECT 'group', g.display_name, g.id::text, 1 FROM identity_groups g
        ) i ORDER BY k, name, id OFFSET ${offset} LIMIT ${take}`;
      return { total: people + groups, rows: rows.map(({ type, name, id }) => ({ type, name, id })) };
    },

    /**
     * Distinct attribute values of live people (and group names), per source, by (type, value,
     * source id) keyset. `search` is Apono's `*` pattern on the value.
     */
    attributes(filter: {
      type?: keyof typeof ATTRIBUTE_COLUMNS | "group";
      search?: string;
      sourceId?: string | null;
      after?: [string, string, string];
      take: number;
    }) {
      const types = filter.type ? [filter.type] : [...Object.keys(ATTRIBUTE_COLUMNS), "group"];
      const parts = types.map((type) =>
        type === "group"
          ? Prisma.sql`SELECT 'group' AS type, g.display_name AS value, g.source_id FROM identity_groups g`
          : Prisma.sql`SELECT ${type} AS type, ${Prisma.raw(ATTRIBUTE_COLUMNS[type as keyof typeof ATTRIBUTE_COLUMNS])} AS value, p.source_id
              FROM identity_people p WHERE p.active AND p.deleted_at IS NULL`,
      );
      const likes = filter.search ? wildcardLikePatterns(filter.search) : [];
      const conditions = [
        Prisma.sql`a.value IS NOT NULL AND a.value <> ''`,
        ...likes.map((like) => Prisma.sql`a.value ILIKE ${like}`),
        ...(filter.sourceId ? [Prisma.sql`a.source_id = ${filter.sourceId}::uuid`] : []),
        ...(filter.after
          ? [
              Prisma.sql`(a.type, a.value, a.source_id::text) > (${filter.after[0]}, ${filter.after[1]}, ${filter.after[2]})`,
            ]
          : []),
      ];
      return db.$queryRaw<AttributeRow[]>`
        SELECT DISTINCT a.type, a.value, a.source_id::text AS source_id, s.name AS source_name
        FROM (${Prisma.join(parts, " UNION ALL ")}) a
        JOIN identity_sources s ON s.id = a.source_id
        WHERE ${Prisma.join(conditions, " AND ")}
        ORDER BY 1, 2, 3
        LIMIT ${filter.take}`;
    },
  };
}

export type DirectoryApiRepository = ReturnType<typeof directoryApiRepository>;
