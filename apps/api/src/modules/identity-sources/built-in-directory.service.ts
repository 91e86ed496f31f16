import type {
  TCreateIdentityGroup,
  TCreateIdentityPerson,
  TIdentityGroup,
  TIdentityPerson,
  TUpdateIdentityGroup,
  TUpdateIdentityPerson,
} from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { AppError } from "../../lib/app-error.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { isUuid } from "../common/uuid.ts";
import { builtInWrite, type NameConflict } from "./built-in-write.ts";
import { groupsRepository } from "./groups.repository.ts";
import { toIdentityGroup, toIdentityPerson } from "./identity-source.mapper.ts";
import { identitySourceRepository } from "./identity-source.repository.ts";
import { notFoundSource } from "./identity-source.service.ts";
import { type PersonFields, type PersonWithGroups, peopleRepository } from "./people.repository.ts";

export const DIRECTORY_MESSAGES = {
  notBuiltIn:
    "Only the people and groups of a built-in source are edited here; this source's come from its identity provider.",
  userNameTaken: "A person with this user name already exists in this source.",
  groupNameTaken: "A group with this name already exists in this source.",
} as const;

export type PageQuery = { limit: number; offset: number };

function personFields(body: TUpdateIdentityPerson, current: PersonFields | null): PersonFields {
  const pick = <K extends keyof TUpdateIdentityPerson>(
    key: K,
    fallback: NonNullable<TUpdateIdentityPerson[K]> | null,
  ) => (body[key] !== undefined ? (body[key] ?? null) : fallback);
  const email = pick("email", current?.email ?? null);
  return {
    userName: body.user_name ?? current?.userName ?? "",
    externalId: current?.externalId ?? null,
    email: email ? email.toLowerCase() : null,
    emails: email ? [{ value: email, type: "work", primary: true }] : [],
    displayName: pick("display_name", current?.displayName ?? null),
    givenName: pick("given_name", current?.givenName ?? null),
    familyName: pick("family_name", current?.familyName ?? null),
    title: pick("title", current?.title ?? null),
    active: body.active ?? current?.active ?? true,
    department: pick("department", current?.department ?? null),
    managerId: pick("manager_id", current?.managerId ?? null),
    employeeNumber: pick("employee_number", current?.employeeNumber ?? null),
    costCenter: pick("cost_center", current?.costCenter ?? null),
    organization: pick("organization", current?.organization ?? null),
    division: current?.division ?? null,
  };
}

function storedFields(person: PersonWithGroups): PersonFields {
  const {
    id: _id,
    sourceId: _s,
    userNameKey: _k,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    deletedAt: _d,
    memberships: _m,
    ...fields
  } = person;
  return { ...fields, emails: fields.emails as PersonFields["emails"] };
}

/**
 * People and groups of a source as the admin API shows them; writes only to built-in sources
 * (SCIM sources are written by their IdP, through /scim/v2).
 */
export function builtInDirectoryService(deps: { db: Db }) {
  const sources = identitySourceRepository(deps.db);
  const people = peopleRepository(deps.db);
  const groups = groupsRepository(deps.db);

  async function sourceOrThrow(sourceId: string, forWrite: boolean) {
    const source = isUuid(sourceId) ? await sources.find(sourceId) : null;
    if (!source) throw notFoundSource(sourceId);
    if (forWrite && source.type !== "built_in")
      throw new AppError("IDENTITY_SOURCE_READ_ONLY", DIRECTORY_MESSAGES.notBuiltIn);
    return source;
  }

  async function personOrThrow(client: Db | Prisma.TransactionClient, sourceId: string, id: string) {
    const person = isUuid(id) ? await people.find(client, sourceId, id) : null;
    if (!person) throw new AppError("NOT_FOUND", `No person with id "${id.slice(0, 60)}" in this source.`);
    return person;
  }

  async function groupOrThrow(client: Db | Prisma.TransactionClient, sourceId: string, id: string) {
    const group = isUuid(id) ? await groups.find(client, sourceId, id) : null;
    if (!group) throw new AppError("NOT_FOUND", `No group with id "${id.slice(0, 60)}" in this source.`);
    return group;
  }

  async function checkMembers(tx: Prisma.TransactionClient, sourceId: string, ids: string[]) {
    const valid = ids.filter(isUuid);
    const live = await people.liveIds(tx, sourceId, valid);
    const missing = ids.find((id) => !live.has(id));
    if (missing) {
      throw AppError.field(
        "BAD_REQUEST",
        "member_ids",
        `No person with id "${missing.slice(0, 60)}" in this source.`,
      );
    }
  }

  const inTransaction = <T>(
    sourceId: string,
    conflict: NameConflict,
    work: (tx: Prisma.TransactionClient) => Promise<T>,
  ) => builtInWrite(deps.db, sourceId, conflict, work);

  const userNameConflict = { field: "user_name", message: DIRECTORY_MESSAGES.userNameTaken };
  const groupNameConflict = { field: "display_name", message: DIRECTORY_MESSAGES.groupNameTaken };

  return {
    async listPeople(
      sourceId: string,
      page: PageQuery,
    ): Promise<{ items: TIdentityPerson[]; total: number }> {
      await sourceOrThrow(sourceId, false);
      const result = await people.page(sourceId, null, page.offset, page.limit);
      return { items: result.people.map(toIdentityPerson), total: result.total };
    },

    async createPerson(
      sourceId: string,
      body: TCreateIdentityPerson,
      audit: AuditContext,
    ): Promise<TIdentityPerson> {
      await sourceOrThrow(sourceId, true);
      return inTransaction(sourceId, userNameConflict, async (tx) => {
        const person = toIdentityPerson(await people.create(tx, sourceId, personFields(body, null)));
        await recordAudit(tx, {
          ...audit,
          action: "identity_person.create",
          targetType: "identity_person",
          targetId: person.id,
          after: person,
        });
        return person;
      });
    },

    async updatePerson(
      sourceId: string,
      id: string,
      body: TUpdateIdentityPerson,
      audit: AuditContext,
    ): Promise<TIdentityPerson> {
      await sourceOrThrow(sourceId, true);
      return inTransaction(sourceId, userNameConflict, async (tx) => {
        const current = await personOrThrow(tx, sourceId, id);
        const person = toIdentityPerson(
          await people.update(tx, id, personFields(body, storedFields(current))),
        );
        await recordAudit(tx, {
          ...audit,
          action: "identity_person.update",
          targetType: "identity_person",
          targetId: id,
          before: toIdentityPerson(current),
          after: person,
        });
        return person;
      });
    },

    async deletePerson(sourceId: string, id: string, audit: AuditContext): Promise<void> {
      await sourceOrThrow(sourceId, true);
      await inTransaction(sourceId, userNameConflict, async (tx) => {
        const current = await personOrThrow(tx, sourceId, id);
        await people.softDelete(tx, id);
        await recordAudit(tx, {
          ...audit,
          action: "identity_person.delete",
          targetType: "identity_person",
          targetId: id,
          before: toIdentityPerson(current),
        });
      });
    },

    async listGroups(sourceId: string, page: PageQuery): Promise<{ items: TIdentityGroup[]; total: number }> {
      await sourceOrThrow(sourceId, false);
      const result = await groups.page(sourceId, null, page.offset, page.limit);
      return { items: result.groups.map(toIdentityGroup), total: result.total };
    },

    async createGroup(
      sourceId: string,
      body: TCreateIdentityGroup,
      audit: AuditContext,
    ): Promise<TIdentityGroup> {
      await sourceOrThrow(sourceId, true);
      const memberIds = [...new Set(body.member_ids ?? [])];
      return inTransaction(sourceId, groupNameConflict, async (tx) => {
        await checkMembers(tx, sourceId, memberIds);
        const id = await groups.create(
          tx,
          sourceId,
          { displayName: body.display_name, externalId: null },
          memberIds,
        );
        const group = toIdentityGroup(await groupOrThrow(tx, sourceId, id));
        await recordAudit(tx, {
          ...audit,
          action: "identity_group.create",
          targetType: "identity_group",
          targetId: id,
          after: group,
        });
        return group;
      });
    },

    async updateGroup(
      sourceId: string,
      id: string,
      body: TUpdateIdentityGroup,
      audit: AuditContext,
    ): Promise<TIdentityGroup> {
      await sourceOrThrow(sourceId, true);
      return inTransaction(sourceId, groupNameConflict, async (tx) => {
        const current = await groupOrThrow(tx, sourceId, id);
        const before = new Set(current.members.map(({ person }) => person.id));
        const wanted = body.member_ids ? new Set(body.member_ids) : before;
        const add = [...wanted].filter((memberId) => !before.has(memberId));
        await checkMembers(tx, sourceId, add);
        await groups.update(
          tx,
          id,
          { displayName: body.display_name ?? current.displayName, externalId: current.externalId },
          { add, remove: [...before].filter((memberId) => !wanted.has(memberId)) },
        );
        const group = toIdentityGroup(await groupOrThrow(tx, sourceId, id));
        await recordAudit(tx, {
          ...audit,
          action: "identity_group.update",
          targetType: "identity_group",
          targetId: id,
          before: toIdentityGroup(current),
          after: group,
        });
        return group;
      });
    },

    async deleteGroup(sourceId: string, id: string, audit: AuditContext): Promise<void> {
      await sourceOrThrow(sourceId, true);
      await inTransaction(sourceId, groupNameConflict, async (tx) => {
        const current = await groupOrThrow(tx, sourceId, id);
        await groups.delete(tx, id);
        await recordAudit(tx, {
          ...audit,
          action: "identity_group.delete",
          targetType: "identity_group",
          targetId: id,
          before: toIdentityGroup(current),
        });
      });
    },
  };
}
