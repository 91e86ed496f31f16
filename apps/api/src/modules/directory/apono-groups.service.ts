import type { TCreateGroupV1, TGroupV1 } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { AppError } from "../../lib/app-error.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { isUniqueViolation } from "../common/prisma-errors.ts";
import { isUuid } from "../common/uuid.ts";
import { DIRECTORY_MESSAGES } from "../identity-sources/built-in-directory.service.ts";
import { builtInWrite } from "../identity-sources/built-in-write.ts";
import { groupsRepository } from "../identity-sources/groups.repository.ts";
import { toIdentityGroup } from "../identity-sources/identity-source.mapper.ts";
import { identitySourceRepository } from "../identity-sources/identity-source.repository.ts";
import { peopleRepository } from "../identity-sources/people.repository.ts";
import { groupOwnedElsewhere } from "../identity-sources/source-ownership.ts";
import { toGroupV1 } from "./directory-api.service.ts";

type Source = { id: string; name: string };
type Tx = Prisma.TransactionClient;

/** The built-in source Apono-shaped group writes create when a deployment has none yet. */
export const BUILT_IN_SOURCE_NAME = "Built-in directory";

export const GROUP_WRITE_MESSAGES = {
  unknownEmail: (email: string, source: string) =>
    `No person with email "${email.slice(0, 320)}" in the built-in source "${source}": add them to that source first (a built-in group's members are people of its own source).`,
  unknownEmails: (count: number, source: string) =>
    `${count} of these emails name no person in the built-in source "${source}": add them to that source first.`,
  sourceNameTaken: `Another identity source is named "${BUILT_IN_SOURCE_NAME}", so none can be created for this group: add a built-in source on the Identity sources page, then create the group again.`,
  groupNotFound: (id: string) => `No group with id "${id.slice(0, 60)}" in the directory.`,
} as const;

const nameConflict = { field: "name", message: DIRECTORY_MESSAGES.groupNameTaken };

/**
 * Apono's group writes (CreateGroupV1, UpdateGroupMembersV1, add/remove a member by email,
 * UpdateGroupV1, delete). Groups are created in the oldest built-in source (one named
 * "Built-in directory" is created when there is none); only built-in groups are changed: a SCIM
 * or IAM Identity Center group belongs to its IdP, and the answer says where to change it.
 */
export function aponoGroupsService(deps: { db: Db }) {
  const sources = identitySourceRepository(deps.db);
  const people = peopleRepository(deps.db);
  const groups = groupsRepository(deps.db);

  async function builtInSource(audit: AuditContext): Promise<Source> {
    const existing = await sources.firstOfType(deps.db, "built_in");
    if (existing) return existing;
    try {
      return await deps.db.$transaction(async (tx) => {
        const row = await sources.create(tx, {
          name: BUILT_IN_SOURCE_NAME,
          type: "built_in",
          tokenHash: null,
          tokenPrefix: null,
        });
        await recordAudit(tx, {
          ...audit,
          action: "identity_source.create",
          targetType: "identity_source",
          targetId: row.id,
          after: { id: row.id, name: row.name, type: "built-in" },
        });
        return { id: row.id, name: row.name };
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent request created it first; else the name belongs to another type of source.
      const created = await sources.firstOfType(deps.db, "built_in");
      if (created) return created;
      throw AppError.field("IDENTITY_SOURCE_NAME_TAKEN", "name", GROUP_WRITE_MESSAGES.sourceNameTaken);
    }
  }

  /** A group admins may change here: it exists and its source is built-in. */
  async function writableGroup(id: string) {
    const group = isUuid(id) ? await groups.withSource(deps.db, id) : null;
    if (!group) throw new AppError("NOT_FOUND", GROUP_WRITE_MESSAGES.groupNotFound(id));
    if (group.source.type !== "built_in") {
      throw new AppError("IDENTITY_SOURCE_READ_ONLY", groupOwnedElsewhere(group.displayName, group.source));
    }
    return { ...group, source: { id: group.source.id, name: group.source.name } };
  }

  /** Locks the group for the rest of the transaction (concurrent member changes queue up). */
  async function lockedMembers(tx: Tx, source: Source, id: string): Promise<Set<string>> {
    const current = (await groups.lock(tx, source.id, id))
      ? await groups.findForChange(tx, source.id, id)
      : null;
    if (!current) throw new AppError("NOT_FOUND", GROUP_WRITE_MESSAGES.groupNotFound(id));
    return new Set(current.memberIds);
  }

  /** The people the emails name in the source; every email that names nobody is an issue of its own. */
  async function peopleOf(tx: Tx, source: Source, emails: string[]): Promise<string[]> {
    const rows = await people.byEmails(tx, source.id, [...new Set(emails)]);
    const found = new Set(rows.map((row) => row.email));
    const issues = emails.flatMap((email, index) =>
      found.has(email)
        ? []
        : [
            {
              path: `members_emails.${index}`,
              message: GROUP_WRITE_MESSAGES.unknownEmail(email, source.name),
            },
          ],
    );
    const [first] = issues;
    if (first) {
      const message =
        issues.length === 1 ? first.message : GROUP_WRITE_MESSAGES.unknownEmails(issues.length, source.name);
      throw new AppError("VALIDATION_FAILED", message, issues.slice(0, 100));
    }
    return rows.map((row) => row.id);
  }

  /** The person one email names (path parameter), else a 404 naming the email. */
  async function personIdsOf(tx: Tx, source: Source, email: string): Promise<string[]> {
    const rows = await people.byEmails(tx, source.id, [email]);
    if (rows.length === 0)
      throw new AppError("NOT_FOUND", GROUP_WRITE_MESSAGES.unknownEmail(email, source.name));
    return rows.map((row) => row.id);
  }

  /** Applies a member diff (and a name), recording the group before and after. */
  async function change(
    tx: Tx,
    group: Awaited<ReturnType<typeof writableGroup>>,
    next: { name?: string; add: string[]; remove: string[] },
    audit: AuditContext,
  ) {
    const before = await groups.find(tx, group.source.id, group.id);
    await groups.update(
      tx,
      group.id,
      { displayName: next.name ?? before?.displayName ?? group.displayName, externalId: group.externalId },
      { add: next.add, remove: next.remove },
    );
    const after = await groups.find(tx, group.source.id, group.id);
    await recordAudit(tx, {
      ...audit,
      action: "identity_group.update",
      targetType: "identity_group",
      targetId: group.id,
      before: before ? toIdentityGroup(before) : undefined,
      after: after ? toIdentityGroup(after) : undefined,
    });
    return after;
  }

  return {
    async create(body: TCreateGroupV1, audit: AuditContext): Promise<TGroupV1> {
      const source = await builtInSource(audit);
      return builtInWrite(deps.db, source.id, nameConflict, async (tx) => {
        const memberIds = await peopleOf(tx, source, body.members_emails);
        const id = await groups.create(
          tx,
          source.id,
          { displayName: body.name, externalId: null },
          memberIds,
        );
        const group = await groups.find(tx, source.id, id);
        if (!group) throw new AppError("NOT_FOUND", GROUP_WRITE_MESSAGES.groupNotFound(id));
        await recordAudit(tx, {
          ...audit,
          action: "identity_group.create",
          targetType: "identity_group",
          targetId: id,
          after: toIdentityGroup(group),
        });
        return toGroupV1({ ...group, source });
      });
    },

    /** The group's members become exactly the people these emails name. */
    async replaceMembers(id: string, emails: string[], audit: AuditContext): Promise<void> {
      const group = await writableGroup(id);
      await builtInWrite(deps.db, group.source.id, nameConflict, async (tx) => {
        const current = await lockedMembers(tx, group.source, id);
        const wanted = new Set(await peopleOf(tx, group.source, emails));
        await change(
          tx,
          group,
          {
            add: [...wanted].filter((personId) => !current.has(personId)),
            remove: [...current].filter((personId) => !wanted.has(personId)),
          },
          audit,
        );
      });
    },

    /** Adds the person the email names; already a member: nothing changes. */
    async addMember(id: string, email: string, audit: AuditContext): Promise<void> {
      const group = await writableGroup(id);
      await builtInWrite(deps.db, group.source.id, nameConflict, async (tx) => {
        const current = await lockedMembers(tx, group.source, id);
        const add = (await personIdsOf(tx, group.source, email)).filter((personId) => !current.has(personId));
        if (add.length > 0) await change(tx, group, { add, remove: [] }, audit);
      });
    },

    /** Removes the person the email names; not a member: nothing changes. */
    async removeMember(id: string, email: string, audit: AuditContext): Promise<void> {
      const group = await writableGroup(id);
      await builtInWrite(deps.db, group.source.id, nameConflict, async (tx) => {
        const current = await lockedMembers(tx, group.source, id);
        const remove = (await personIdsOf(tx, group.source, email)).filter((personId) =>
          current.has(personId),
        );
        if (remove.length > 0) await change(tx, group, { add: [], remove }, audit);
      });
    },

    async rename(id: string, name: string, audit: AuditContext): Promise<TGroupV1> {
      const group = await writableGroup(id);
      return builtInWrite(deps.db, group.source.id, nameConflict, async (tx) => {
        await lockedMembers(tx, group.source, id);
        const after = await change(tx, group, { name, add: [], remove: [] }, audit);
        return toGroupV1({ ...group, displayName: after?.displayName ?? name });
      });
    },

    async delete(id: string, audit: AuditContext): Promise<void> {
      const group = await writableGroup(id);
      await builtInWrite(deps.db, group.source.id, nameConflict, async (tx) => {
        await lockedMembers(tx, group.source, id);
        const before = await groups.find(tx, group.source.id, id);
        await groups.delete(tx, id);
        await recordAudit(tx, {
          ...audit,
          action: "identity_group.delete",
          targetType: "identity_group",
          targetId: id,
          before: before ? toIdentityGroup(before) : undefined,
        });
      });
    },
  };
}
