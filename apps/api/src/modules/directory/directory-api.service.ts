import type {
  TGroupV1,
  TListAttributesV1Query,
  TListGroupsV1Query,
  TListUsersV3Query,
  TUserV3,
} from "@portcullis/shared";
import { resolveSource } from "../../core/directory-sources.ts";
import type { Db } from "../../db/prisma.ts";
import type { IdentityGroup, IdentityPerson } from "../../generated/prisma/client.ts";
import { AppError } from "../../lib/app-error.ts";
import { decodePageToken, encodePageToken, invalidPageToken } from "../common/page-token.ts";
import { isUuid } from "../common/uuid.ts";
import { directoryRepository } from "./directory.repository.ts";
import { directoryApiRepository } from "./directory-api.repository.ts";

type Source = { id: string; name: string };

function idAfter(pageToken: string | undefined): string | undefined {
  if (pageToken === undefined) return undefined;
  const [id] = decodePageToken(pageToken, 1) as [string];
  if (!isUuid(id)) throw invalidPageToken();
  return id;
}

/** Emails of a person as SCIM sent them; the primary (stored lower-cased) first. */
function emailsOf(person: IdentityPerson): { email: string; aliases: string[] } {
  const sent = Array.isArray(person.emails) ? (person.emails as Array<{ value?: unknown }>) : [];
  const all = sent.flatMap((entry) => (typeof entry?.value === "string" ? [entry.value.toLowerCase()] : []));
  const email = person.email ?? all[0] ?? person.userName;
  return { email, aliases: [...new Set(all.filter((value) => value !== email))] };
}

function attributesOf(person: IdentityPerson): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  const add = (type: string, value: string | null) => {
    if (value) attributes[type] = [value];
  };
  add("department", person.department);
  add("title", person.title);
  add("manager", person.managerId);
  add("employee_number", person.employeeNumber);
  add("cost_center", person.costCenter);
  add("organization", person.organization);
  add("division", person.division);
  return attributes;
}

export function toUserV3(person: IdentityPerson & { source: Source }): TUserV3 {
  const { email, aliases } = emailsOf(person);
  return {
    id: person.id,
    email,
    email_aliases: aliases,
    first_name: person.givenName ?? "",
    last_name: person.familyName ?? "",
    active: person.active,
    // Directory people hold no Portcullis role of their own.
    roles: [],
    source_integration_id: person.source.id,
    source_integration_name: person.source.name,
    attributes: attributesOf(person),
  };
}

export function toGroupV1(group: IdentityGroup & { source: Source }): TGroupV1 {
  return {
    id: group.id,
    name: group.displayName,
    source_id: group.externalId,
    source_integration_id: group.source.id,
    source_integration_name: group.source.name,
  };
}

function notFound(kind: "user" | "group", id: string): AppError {
  return new AppError("NOT_FOUND", `No ${kind} with id "${id}" in the directory.`);
}

/** Apono's directory API over every identity source. */
export function directoryApiService(deps: { db: Db }) {
  const repository = directoryApiRepository(deps.db);
  const directory = directoryRepository(deps.db);

  function page<T, R>(rows: T[], limit: number, key: (row: T) => string[], map: (row: T) => R) {
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      items: shown.map(map),
      pagination: { next_page_token: rows.length > limit && last ? encodePageToken(key(last)) : null },
    };
  }

  return {
    async users(query: TListUsersV3Query) {
      if (query.source_integration_id !== undefined && !isUuid(query.source_integration_id)) {
        return { items: [], pagination: { next_page_token: null } };
      }
      const rows = await repository.users({
        firstName: query.first_name,
        lastName: query.last_name,
        sourceId: query.source_integration_id,
        sourceName: query.source_integration_name,
        afterId: idAfter(query.page_token),
        take: query.limit + 1,
      });
      return page(rows, query.limit, (row) => [row.id], toUserV3);
    },

    async user(id: string) {
      const row = isUuid(id) ? await repository.user(id) : null;
      if (!row) throw notFound("user", id);
      return toUserV3(row);
    },

    async groups(query: TListGroupsV1Query) {
      const rows = await repository.groups({
        name: query.name,
        afterId: idAfter(query.page_token),
        take: query.limit + 1,
      });
      return page(rows, query.limit, (row) => [row.id], toGroupV1);
    },

    async group(id: string) {
      const row = isUuid(id) ? await repository.group(id) : null;
      if (!row) throw notFound("group", id);
      return toGroupV1(row);
    },

    async members(id: string, query: { limit: number; page_token?: string | undefined }) {
      const group = isUuid(id) ? await repository.group(id) : null;
      if (!group) throw notFound("group", id);
      const rows = await repository.members(id, idAfter(query.page_token), query.limit + 1);
      return page(
        rows,
        query.limit,
        (row) => [row.personId],
        (row) => ({ email: row.person.email ?? row.person.userName }),
      );
    },

    async identities(query: { limit: number; offset: number }) {
      const { total, rows } = await repository.identities(query.offset, query.limit);
      return { data: rows, pagination: { total, limit: query.limit, offset: query.offset } };
    },

    async attributes(query: TListAttributesV1Query) {
      let sourceId: string | null = null;
      if (query.source_integration_reference) {
        const source = resolveSource(await directory.sources(), query.source_integration_reference);
        if (!source) return { items: [], pagination: { next_page_token: null } };
        sourceId = source.id;
      }
      let after: [string, string, string] | undefined;
      if (query.page_token !== undefined) {
        const key = decodePageToken(query.page_token, 3) as [string, string, string];
        if (!isUuid(key[2])) throw invalidPageToken();
        after = key;
      }
      const rows = await repository.attributes({
        type: query.type,
        search: query.search,
        sourceId,
        after,
        take: query.limit + 1,
      });
      return page(
        rows,
        query.limit,
        (row) => [row.type, row.value, row.source_id],
        (row) => ({
          type: row.type,
          value: row.value,
          source_id: null,
          source_integration_id: row.source_id,
          source_integration_name: row.source_name,
        }),
      );
    },
  };
}
