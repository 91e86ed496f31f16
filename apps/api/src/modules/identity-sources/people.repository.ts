import { randomUUID } from "node:crypto";
import type { Filter } from "scim2-parse-filter";
import { type Db, pgPoolOf } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from "../scim/scim-constants.ts";
import { type AttributeMap, compileFilter } from "../scim/scim-filter-sql.ts";
import { pageCursors } from "./page-cursors.ts";

type Client = Db | Prisma.TransactionClient;

/** What a person holds, as written by SCIM or the built-in editor. */
export type PersonFields = {
  userName: string;
  externalId: string | null;
  email: string | null;
  emails: Array<{ value: string; type?: string; primary?: boolean; display?: string }>;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  title: string | null;
  active: boolean;
  department: string | null;
  managerId: string | null;
  employeeNumber: string | null;
  costCenter: string | null;
  organization: string | null;
  division: string | null;
};

const enterprise = ENTERPRISE_SCHEMA.toLowerCase();

/** The filterable attributes of people: the column allow-list filters compile against. */
export const PEOPLE_FILTER_ATTRIBUTES: AttributeMap = {
  id: { kind: "string", sql: "p.id::text", caseExact: true },
  // user_name_key is lower(user_name) on every live row (the reads below take live rows only).
  username: { kind: "string", sql: "p.user_name", lowerSql: "p.user_name_key" },
  externalid: { kind: "string", sql: "p.external_id", caseExact: true },
  displayname: { kind: "string", sql: "p.display_name" },
  "name.givenname": { kind: "string", sql: "p.given_name" },
  "name.familyname": { kind: "string", sql: "p.family_name" },
  title: { kind: "string", sql: "p.title" },
  active: { kind: "boolean", sql: "p.active" },
  "meta.created": { kind: "dateTime", sql: "p.created_at" },
  "meta.lastmodified": { kind: "dateTime", sql: "p.updated_at" },
  emails: {
    kind: "multi",
    exists: (condition) => `EXISTS (SELECT 1 FROM jsonb_array_elements(p.emails) AS e WHERE ${condition})`,
    subAttributes: {
      value: { kind: "string", sql: "(e->>'value')" },
      type: { kind: "string", sql: "(e->>'type')" },
      primary: { kind: "boolean", sql: "COALESCE(e->>'primary' = 'true', false)" },
    },
  },
  [`${enterprise}:department`]: { kind: "string", sql: "p.department" },
  [`${enterprise}:employeenumber`]: { kind: "string", sql: "p.employee_number" },
  [`${enterprise}:costcenter`]: { kind: "string", sql: "p.cost_center" },
  [`${enterprise}:organization`]: { kind: "string", sql: "p.organization" },
  [`${enterprise}:division`]: { kind: "string", sql: "p.division" },
  [`${enterprise}:manager`]: { kind: "string", sql: "p.manager_id", caseExact: true },
  [`${enterprise}:manager.value`]: { kind: "string", sql: "p.manager_id", caseExact: true },
};

const WITH_GROUPS = {
  memberships: { select: { group: { select: { id: true, displayName: true } } } },
} as const;

export type PersonWithGroups = Prisma.IdentityPersonGetPayload<{ include: typeof WITH_GROUPS }>;

/** An identity_people row as pg returns it (snake_case). */
type PersonRow = {
  id: string;
  source_id: string;
  user_name: string;
  user_name_key: string | null;
  external_id: string | null;
  email: string | null;
  emails: Prisma.JsonValue;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  title: string | null;
  active: boolean;
  department: string | null;
  manager_id: string | null;
  employee_number: string | null;
  cost_center: string | null;
  organization: string | null;
  division: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
};

function fromRow(row: PersonRow): Omit<PersonWithGroups, "memberships"> {
  return {
    id: row.id,
    sourceId: row.source_id,
    userName: row.user_name,
    userNameKey: row.user_name_key,
    externalId: row.external_id,
    email: row.email,
    emails: row.emails,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    title: row.title,
    active: row.active,
    department: row.department,
    managerId: row.manager_id,
    employeeNumber: row.employee_number,
    costCenter: row.cost_center,
    organization: row.organization,
    division: row.division,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** A group a person is in, as a SCIM User's `groups` shows it. */
type GroupRef = { id: string; displayName: string };

/** A person's row and the groups it is in (as JSON, in name order), for the listing's one statement. */
const PAGE_SELECT = `SELECT p.*, COALESCE((
    SELECT json_agg(json_build_object('id', g.id, 'displayName', g.display_name) ORDER BY g.display_name, g.id)
      FROM identity_group_members m JOIN identity_groups g ON g.id = m.group_id
     WHERE m.person_id = p.id), '[]') AS groups
  FROM identity_people p`;

/** The identity_people table (people of every source); deleted people stay as rows, out of every read. */
export function peopleRepository(db: Db) {
  const cursors = pageCursors();
  return {
    /**
     * One page of a source's live people in creation order, with the total matching the filter.
     * The page is one statement (the people with their groups as JSON), seeking past where the
     * previous page of the same listing ended when it knows (page-cursors.ts), else by offset;
     * the total is a second, skipped when the page shows it (a first page not full: a lookup by
     * `userName eq`, say, is one round trip).
     */
    async page(
      sourceId: string,
      filter: Filter | null,
      offset: number,
      limit: number,
    ): Promise<{ total: number; people: PersonWithGroups[] }> {
      const params: unknown[] = [sourceId];
      const condition = filter
        ? compileFilter(filter, PEOPLE_FILTER_ATTRIBUTES, USER_SCHEMA, params)
        : "true";
      const where = `p.source_id = $1::uuid AND p.deleted_at IS NULL AND ${condition}`;
      const pool = pgPoolOf(db);
      const countAll = async () => {
        const count = await pool.query<{ total: string }>(
          `SELECT count(*) AS total FROM identity_people p WHERE ${where}`,
          params,
        );
        return Number(count.rows[0]?.total ?? 0);
      };
      if (limit === 0) return { total: await countAll(), people: [] };
      const listing = `${sourceId}\u0000${filter ? JSON.stringify(filter) : ""}`;
      const cursor = offset > 0 ? cursors.at(listing, offset) : undefined;
      const n = params.length;
      const { rows } = cursor
        ? await pool.query<PersonRow & { groups: GroupRef[] }>(
            `${PAGE_SELECT} WHERE ${where} AND (p.created_at, p.id) > ($${n + 1}, $${n + 2}::uuid) ORDER BY p.created_at, p.id LIMIT $${n + 3}`,
            [...params, cursor.createdAt, cursor.id, limit],
          )
        : await pool.query<PersonRow & { groups: GroupRef[] }>(
            `${PAGE_SELECT} WHERE ${where} ORDER BY p.created_at, p.id OFFSET $${n + 1} LIMIT $${n + 2}`,
            [...params, offset, limit],
          );
      const last = rows.at(-1);
      if (last && rows.length === limit) {
        cursors.remember(listing, offset + limit, { createdAt: last.created_at, id: last.id });
      }
      const people = rows.map((row) => ({
        ...fromRow(row),
        memberships: row.groups.map((group) => ({ group })),
      }));
      const total = offset === 0 && rows.length < limit ? rows.length : await countAll();
      return { total, people };
    },
    /** Locks a live person's row until the transaction ends, so read-modify-write changes queue up; false if none. */
    async lock(tx: Prisma.TransactionClient, sourceId: string, id: string): Promise<boolean> {
      const rows = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM identity_people
        WHERE id = ${id}::uuid AND source_id = ${sourceId}::uuid AND deleted_at IS NULL
        FOR UPDATE`;
      return rows.length > 0;
    },
    find(client: Client, sourceId: string, id: string) {
      return client.identityPerson.findFirst({
        where: { id, sourceId, deletedAt: null },
        include: WITH_GROUPS,
      });
    },
    /**
     * The ids among `ids` that are live people of the source. Looked up by primary key alone, the
     * source and deletion checked here: with the source in the WHERE, a table an IdP has just
     * filled (no statistics yet) was read through the (source_id, created_at, id) index whole.
     */
    async liveIds(client: Client, sourceId: string, ids: string[]): Promise<Set<string>> {
      const rows = await client.identityPerson.findMany({
        where: { id: { in: ids } },
        select: { id: true, sourceId: true, deletedAt: true },
      });
      return new Set(rows.flatMap((row) => (row.sourceId === sourceId && !row.deletedAt ? [row.id] : [])));
    },
    /** Live (not deleted) people of the source whose primary email is one of `emails` (lower-case). */
    byEmails(client: Client, sourceId: string, emails: string[]) {
      return client.identityPerson.findMany({
        where: { sourceId, deletedAt: null, email: { in: emails } },
        select: { id: true, email: true },
        orderBy: { createdAt: "asc" },
      });
    },
    /**
     * A new person, and its source marked changed (as `touch` does), in ONE statement: SCIM's
     * create, which an IdP sends tens of thousands of times in a row. Through Prisma it took an
     * interactive transaction (BEGIN, INSERT, UPDATE, COMMIT: four round trips and Prisma's work
     * around each); one statement is as atomic. Its errors are pg's own (23505, 23503).
     */
    async createAndTouchSource(sourceId: string, fields: PersonFields): Promise<PersonWithGroups> {
      const { rows } = await pgPoolOf(db).query<PersonRow>(
        `WITH touched AS (
           UPDATE identity_sources SET updated_at = now(), status = 'active'
           WHERE id = $2::uuid AND (status <> 'active' OR updated_at < now() - interval '1 second')
         )
         INSERT INTO identity_people (id, source_id, user_name, user_name_key, external_id, email, emails,
           display_name, given_name, family_name, title, active, department, manager_id, employee_number,
           cost_center, organization, division)
         VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         RETURNING *`,
        [
          randomUUID(),
          sourceId,
          fields.userName,
          fields.userName.toLowerCase(),
          fields.externalId,
          fields.email,
          JSON.stringify(fields.emails),
          fields.displayName,
          fields.givenName,
          fields.familyName,
          fields.title,
          fields.active,
          fields.department,
          fields.managerId,
          fields.employeeNumber,
          fields.costCenter,
          fields.organization,
          fields.division,
        ],
      );
      return { ...fromRow(rows[0]!), memberships: [] };
    },
    /** A new person is in no group yet: no second statement to read its memberships. */
    async create(tx: Client, sourceId: string, fields: PersonFields): Promise<PersonWithGroups> {
      const person = await tx.identityPerson.create({
        data: { sourceId, ...fields, userNameKey: fields.userName.toLowerCase() },
      });
      return { ...person, memberships: [] };
    },
    update(tx: Client, id: string, fields: PersonFields) {
      return tx.identityPerson.update({
        where: { id },
        data: {
          ...fields,
          userNameKey: fields.userName.toLowerCase(),
          version: { increment: 1 },
          updatedAt: new Date(),
        },
        include: WITH_GROUPS,
      });
    },
    /** Keeps the row (history, audit) but takes the person out of every read, group and uniqueness check. */
    async softDelete(tx: Client, id: string) {
      await tx.identityGroupMember.deleteMany({ where: { personId: id } });
      await tx.identityPerson.update({
        where: { id },
        data: {
          deletedAt: new Date(),
          active: false,
          userNameKey: null,
          version: { increment: 1 },
          updatedAt: new Date(),
        },
      });
    },
  };
}

export type PeopleRepository = ReturnType<typeof peopleRepository>;
