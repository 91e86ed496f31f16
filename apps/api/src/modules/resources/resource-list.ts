import type { TListResourcesQuery, TResourceListV3 } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { decodePageToken, encodePageToken, invalidPageToken } from "../common/page-token.ts";
import { isUuid } from "../common/uuid.ts";
import { toResourceV3 } from "./resource.mapper.ts";
import { resourceRepository } from "./resource.repository.ts";

/** One page of an integration's resources (the caller has checked the integration is visible). */
export async function listResources(
  db: Db,
  integrationId: string,
  query: TListResourcesQuery,
): Promise<TResourceListV3> {
  const repository = resourceRepository(db);
  let after: { name: string; id: string } | undefined;
  if (query.page_token !== undefined) {
    const [name, id] = decodePageToken(query.page_token, 2) as [string, string];
    if (!isUuid(id)) throw invalidPageToken();
    after = { name, id };
  }
  const filter = { integrationId, type: query["resource-type"], search: query.search || undefined };
  const [rows, total] = await Promise.all([
    repository.list({ ...filter, after, take: query.limit + 1 }),
    repository.count(filter),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(toResourceV3),
    pagination: {
      total,
      limit: query.limit,
      offset: 0,
      next_page_token: rows.length > query.limit && last ? encodePageToken([last.name, last.id]) : null,
    },
  };
}
