import type { ScimPatchOperation } from "scim-patch";
import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { isUuid } from "../common/uuid.ts";
import { type GroupForChange, groupsRepository } from "../identity-sources/groups.repository.ts";
import { peopleRepository } from "../identity-sources/people.repository.ts";
import { GROUP_SCHEMA, LIST_SCHEMA } from "./scim-constants.ts";
import { ScimError } from "./scim-error.ts";
import { type GroupInput, toGroupInput, toScimGroup } from "./scim-group.mapper.ts";
import { applyPatch, normalizeOperations } from "./scim-patch-request.ts";
import { type Projection, project } from "./scim-projection.ts";
import { type ListQuery, toListRequest, toProjection } from "./scim-request.ts";
import { scimStatement, scimTransaction, type UniqueValue } from "./scim-transaction.ts";

type Resource = Record<string, unknown>;

function nameTaken(displayName: string): ScimError {
  return new ScimError(
    409,
    `A Group with displayName "${displayName.slice(0, 200)}" already exists.`,
    "uniqueness",
  );
}

/** A group as the JSON PATCH operations apply to (members by id only). */
function patchable({ group, memberIds }: GroupForChange): Resource {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    displayName: group.displayName,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    members: memberIds.map((value) => ({ value })),
  };
}

/**
 * The group after a PATCH. The shape Okta and Entra send to add members (`add`, path `members`, an
 * array of `{ value }`) is a set union, done here with a Set: scim-patch compares each new member
 * with every current one (ten million deep comparisons for 1,000 added to a group of 10,000).
 * Any other operation goes through scim-patch.
 */
function patched(current: Resource, operations: ScimPatchOperation[]): Resource {
  const addsMembers = operations.every(
    (operation) =>
      operation.op === "add" &&
      "path" in operation &&
      operation.path?.trim().toLowerCase() === "members" &&
      Array.isArray(operation.value),
  );
  if (!addsMembers) return applyPatch(current, operations);
  const members = [...(current.members as Array<{ value: string }>)];
  const present = new Set(members.map((member) => member.value));
  for (const operation of operations) {
    for (const member of (operation as { value: unknown[] }).value) {
      const value = (member as { value?: unknown } | null)?.value;
      if (typeof value === "string" && present.has(value)) continue;
      if (typeof value === "string") present.add(value);
      // Anything else is kept as sent, for toGroupInput to refuse with its own words.
      members.push(member as { value: string });
    }
  }
  return { ...current, members };
}

const noSuchMember = (id: string) =>
  ScimError.badRequest("invalidValue", `members: no User with id "${id.slice(0, 60)}".`);

/** A member id that is no uuid names no User (and would not reach the database as a uuid). */
function checkMemberIds(ids: string[]): void {
  const malformed = ids.find((id) => !isUuid(id));
  if (malformed) throw noSuchMember(malformed);
}

/** SCIM Groups of one source; members are the source's live Users. */
export function scimGroupsService(deps: { db: Db }) {
  const groups = groupsRepository(deps.db);
  const people = peopleRepository(deps.db);

  async function findOrThrow(client: Db | Prisma.TransactionClient, sourceId: string, id: string) {
    const group = isUuid(id) ? await groups.find(client, sourceId, id) : null;
    if (!group) throw ScimError.notFound("Group", id);
    return group;
  }

  /** Members added must be live Users of this source: another source's people are invisible here. */
  async function checkNewMembers(
    tx: Prisma.TransactionClient,
    sourceId: string,
    ids: string[],
  ): Promise<void> {
    checkMemberIds(ids);
    const live = await people.liveIds(tx, sourceId, ids);
    const missing = ids.find((id) => !live.has(id));
    if (missing) throw noSuchMember(missing);
  }

  const write = <T>(
    sourceId: string,
    work: (tx: Prisma.TransactionClient, displayName: UniqueValue) => Promise<T>,
  ) => scimTransaction(deps.db, sourceId, nameTaken, work);

  /**
   * Read, change and write a group under its row lock: IdPs send membership PATCHes in parallel,
   * and each must land on the members the previous one left.
   */
  async function change(
    sourceId: string,
    id: string,
    baseUrl: string,
    compute: (current: GroupForChange) => GroupInput,
  ): Promise<Resource> {
    if (!isUuid(id)) throw ScimError.notFound("Group", id);
    await write(sourceId, async (tx, displayName) => {
      const current = (await groups.lock(tx, sourceId, id))
        ? await groups.findForChange(tx, sourceId, id)
        : null;
      if (!current) throw ScimError.notFound("Group", id);
      const input = compute(current);
      displayName.value = input.fields.displayName;
      const before = new Set(current.memberIds);
      const after = new Set(input.memberIds);
      const add = input.memberIds.filter((memberId) => !before.has(memberId));
      await checkNewMembers(tx, sourceId, add);
      await groups.update(tx, id, input.fields, {
        add,
        remove: [...before].filter((memberId) => !after.has(memberId)),
      });
    });
    return toScimGroup(await findOrThrow(deps.db, sourceId, id), baseUrl);
  }

  return {
    async list(sourceId: string, query: ListQuery, baseUrl: string): Promise<Resource> {
      const request = toListRequest(query, GROUP_SCHEMA);
      const page = await groups.page(sourceId, request.filter, request.startIndex - 1, request.count);
      return {
        schemas: [LIST_SCHEMA],
        totalResults: page.total,
        startIndex: request.startIndex,
        itemsPerPage: page.groups.length,
        Resources: page.groups.map((group) => project(toScimGroup(group, baseUrl), request.projection)),
      };
    },

    async get(sourceId: string, id: string, query: ListQuery, baseUrl: string): Promise<Resource> {
      return project(
        toScimGroup(await findOrThrow(deps.db, sourceId, id), baseUrl),
        toProjection(query, GROUP_SCHEMA),
      );
    },

    async create(
      sourceId: string,
      body: unknown,
      baseUrl: string,
      projection: Projection = {},
    ): Promise<Resource> {
      const input = toGroupInput(body);
      checkMemberIds(input.memberIds);
      const created = await scimStatement(nameTaken, input.fields.displayName, () =>
        groups.createWithMembers(sourceId, input.fields, input.memberIds),
      );
      if (created.missing !== null) throw noSuchMember(created.missing);
      return project(toScimGroup(created.group, baseUrl), projection);
    },

    async replace(sourceId: string, id: string, body: unknown, baseUrl: string): Promise<Resource> {
      const bodyId = (body as { id?: unknown } | null)?.id;
      if (bodyId !== undefined && bodyId !== id) {
        throw ScimError.badRequest("mutability", "id is read-only: it cannot be changed by PUT.");
      }
      const input = toGroupInput(body);
      return change(sourceId, id, baseUrl, () => input);
    },

    async patch(sourceId: string, id: string, body: unknown, baseUrl: string): Promise<Resource> {
      return change(sourceId, id, baseUrl, (group) => {
        const current = patchable(group);
        return toGroupInput(patched(current, normalizeOperations(body, current)));
      });
    },

    async delete(sourceId: string, id: string): Promise<void> {
      if (!isUuid(id)) throw ScimError.notFound("Group", id);
      await write(sourceId, async (tx) => {
        if (!(await groups.lock(tx, sourceId, id))) throw ScimError.notFound("Group", id);
        await groups.delete(tx, id);
      });
    },
  };
}
