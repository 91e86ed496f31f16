import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../common/prisma-errors.ts";
import { TRANSACTION_OPTIONS } from "../common/transaction-sql.ts";
import { isUuid } from "../common/uuid.ts";
import { groupsRepository } from "../identity-sources/groups.repository.ts";
import { identitySourceRepository } from "../identity-sources/identity-source.repository.ts";
import { peopleRepository } from "../identity-sources/people.repository.ts";
import { GROUP_SCHEMA, LIST_SCHEMA } from "./scim-constants.ts";
import { ScimError } from "./scim-error.ts";
import { type GroupInput, toGroupInput, toScimGroup } from "./scim-group.mapper.ts";
import { applyPatch, normalizeOperations } from "./scim-patch-request.ts";
import { type Projection, project } from "./scim-projection.ts";
import { type ListQuery, toListRequest, toProjection } from "./scim-request.ts";

type Resource = Record<string, unknown>;

function nameTaken(displayName: string): ScimError {
  return new ScimError(
    409,
    `A Group with displayName "${displayName.slice(0, 200)}" already exists.`,
    "uniqueness",
  );
}

/** SCIM Groups of one source; members are the source's live Users. */
export function scimGroupsService(deps: { db: Db }) {
  const groups = groupsRepository(deps.db);
  const people = peopleRepository(deps.db);
  const sources = identitySourceRepository(deps.db);

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
    const malformed = ids.find((id) => !isUuid(id));
    if (malformed)
      throw ScimError.badRequest("invalidValue", `members: no User with id "${malformed.slice(0, 60)}".`);
    const live = await people.liveIds(tx, sourceId, ids);
    const missing = ids.find((id) => !live.has(id));
    if (missing) throw ScimError.badRequest("invalidValue", `members: no User with id "${missing}".`);
  }

  async function write<T>(
    sourceId: string,
    displayName: string,
    work: (tx: Prisma.TransactionClient) => Promise<T>,
  ) {
    try {
      return await deps.db.$transaction(async (tx) => {
        const result = await work(tx);
        await sources.touch(tx, sourceId);
        return result;
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(displayName);
      throw error;
    }
  }

  async function save(sourceId: string, id: string, input: GroupInput, baseUrl: string): Promise<Resource> {
    await write(sourceId, input.fields.displayName, async (tx) => {
      const current = await findOrThrow(tx, sourceId, id);
      const before = new Set(current.members.map(({ person }) => person.id));
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
      const id = await write(sourceId, input.fields.displayName, async (tx) => {
        await checkNewMembers(tx, sourceId, input.memberIds);
        return groups.create(tx, sourceId, input.fields, input.memberIds);
      });
      return project(toScimGroup(await findOrThrow(deps.db, sourceId, id), baseUrl), projection);
    },

    async replace(sourceId: string, id: string, body: unknown, baseUrl: string): Promise<Resource> {
      const bodyId = (body as { id?: unknown } | null)?.id;
      if (bodyId !== undefined && bodyId !== id) {
        throw ScimError.badRequest("mutability", "id is read-only: it cannot be changed by PUT.");
      }
      const input = toGroupInput(body);
      await findOrThrow(deps.db, sourceId, id);
      return save(sourceId, id, input, baseUrl);
    },

    async patch(sourceId: string, id: string, body: unknown, baseUrl: string): Promise<Resource> {
      const group = await findOrThrow(deps.db, sourceId, id);
      const current: Resource = {
        schemas: [GROUP_SCHEMA],
        id: group.id,
        displayName: group.displayName,
        ...(group.externalId ? { externalId: group.externalId } : {}),
        members: group.members.map(({ person }) => ({ value: person.id })),
      };
      const operations = normalizeOperations(body, current);
      const input = toGroupInput(applyPatch(current, operations));
      return save(sourceId, id, input, baseUrl);
    },

    async delete(sourceId: string, id: string): Promise<void> {
      const group = await findOrThrow(deps.db, sourceId, id);
      await write(sourceId, group.displayName, async (tx) => {
        const { count } = await groups.delete(tx, id);
        if (count === 0) throw ScimError.notFound("Group", id);
      });
    },
  };
}
