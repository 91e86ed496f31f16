import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { isUuid } from "../common/uuid.ts";
import {
  type PersonFields,
  type PersonWithGroups,
  peopleRepository,
} from "../identity-sources/people.repository.ts";
import { LIST_SCHEMA, USER_SCHEMA } from "./scim-constants.ts";
import { ScimError } from "./scim-error.ts";
import { applyPatch, normalizeOperations } from "./scim-patch-request.ts";
import { type Projection, project } from "./scim-projection.ts";
import { type ListQuery, toListRequest, toProjection } from "./scim-request.ts";
import { scimStatement, scimTransaction, type UniqueValue } from "./scim-transaction.ts";
import { toPersonFields, toScimUser } from "./scim-user.mapper.ts";

type Resource = Record<string, unknown>;

function userNameTaken(userName: string): ScimError {
  return new ScimError(409, `A User with userName "${userName.slice(0, 200)}" already exists.`, "uniqueness");
}

/** SCIM Users of one source (the caller's token decides which): RFC 7644 §3.3–3.6. */
export function scimUsersService(deps: { db: Db }) {
  const people = peopleRepository(deps.db);

  async function findOrThrow(sourceId: string, id: string) {
    const person = isUuid(id) ? await people.find(deps.db, sourceId, id) : null;
    if (!person) throw ScimError.notFound("User", id);
    return person;
  }

  const write = <T>(
    sourceId: string,
    work: (tx: Prisma.TransactionClient, userName: UniqueValue) => Promise<T>,
  ) => scimTransaction(deps.db, sourceId, userNameTaken, work);

  /**
   * Read, change and write a person under its row lock, so concurrent PUTs and PATCHes apply one
   * after the other and none is lost.
   */
  async function change(
    sourceId: string,
    id: string,
    baseUrl: string,
    compute: (current: PersonWithGroups) => PersonFields,
  ): Promise<Resource> {
    if (!isUuid(id)) throw ScimError.notFound("User", id);
    const updated = await write(sourceId, async (tx, userName) => {
      const current = (await people.lock(tx, sourceId, id)) ? await people.find(tx, sourceId, id) : null;
      if (!current) throw ScimError.notFound("User", id);
      const fields = compute(current);
      userName.value = fields.userName;
      return people.update(tx, id, fields);
    });
    return toScimUser(updated, baseUrl);
  }

  return {
    async list(sourceId: string, query: ListQuery, baseUrl: string): Promise<Resource> {
      const request = toListRequest(query, USER_SCHEMA);
      const page = await people.page(sourceId, request.filter, request.startIndex - 1, request.count);
      return {
        schemas: [LIST_SCHEMA],
        totalResults: page.total,
        startIndex: request.startIndex,
        itemsPerPage: page.people.length,
        Resources: page.people.map((person) => project(toScimUser(person, baseUrl), request.projection)),
      };
    },

    async get(sourceId: string, id: string, query: ListQuery, baseUrl: string): Promise<Resource> {
      return project(toScimUser(await findOrThrow(sourceId, id), baseUrl), toProjection(query, USER_SCHEMA));
    },

    async create(
      sourceId: string,
      body: unknown,
      baseUrl: string,
      projection: Projection = {},
    ): Promise<Resource> {
      const fields = toPersonFields(body);
      const created = await scimStatement(userNameTaken, fields.userName, () =>
        people.createAndTouchSource(sourceId, fields),
      );
      return project(toScimUser(created, baseUrl), projection);
    },

    async replace(sourceId: string, id: string, body: unknown, baseUrl: string): Promise<Resource> {
      const bodyId = (body as { id?: unknown } | null)?.id;
      if (bodyId !== undefined && bodyId !== id) {
        throw ScimError.badRequest("mutability", "id is read-only: it cannot be changed by PUT.");
      }
      const fields = toPersonFields(body);
      return change(sourceId, id, baseUrl, () => fields);
    },

    async patch(sourceId: string, id: string, body: unknown, baseUrl: string): Promise<Resource> {
      return change(sourceId, id, baseUrl, (person) => {
        const { groups: _groups, meta: _meta, ...current } = toScimUser(person, baseUrl);
        return toPersonFields(applyPatch(current, normalizeOperations(body, current)));
      });
    },

    /** Soft delete: the person leaves every read and group, the row stays for history. */
    async delete(sourceId: string, id: string): Promise<void> {
      if (!isUuid(id)) throw ScimError.notFound("User", id);
      await write(sourceId, async (tx) => {
        if (!(await people.lock(tx, sourceId, id))) throw ScimError.notFound("User", id);
        await people.softDelete(tx, id);
      });
    },
  };
}
