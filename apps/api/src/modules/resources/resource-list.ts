import type { TListResourcesQuery, TResourceListV3 } from "@portcullis/shared";
import { type Db, pgPoolOf } from "../../db/prisma.ts";
import type { JsonPage, JsonText } from "../common/json-text.ts";
import { decodePageToken, encodePageToken, invalidPageToken } from "../common/page-token.ts";
import { isUuid } from "../common/uuid.ts";
import { resourceRepository } from "./resource.repository.ts";

/**
 * One page of an integration's resources as ResourceListV3's JSON text (the caller checks the
 * integration is visible). PostgreSQL builds the resources' JSON; only the pagination object is
 * written here, around it.
 */
export async function listResources(
  db: Db,
  integrationId: string,
  query: TListResourcesQuery,
): Promise<JsonPage<TResourceListV3>> {
  let after: { name: string; id: string } | undefined;
  if (query.page_token !== undefined) {
    const [name, id] = decodePageToken(query.page_token, 2) as [string, string];
    if (!isUuid(id)) throw invalidPageToken();
    after = { name, id };
  }
  const page = await resourceRepository(pgPoolOf(db)).pageJson({
    integrationId,
    type: query["resource-type"],
    search: query.search || undefined,
    after,
    limit: query.limit,
  });
  const pagination: TResourceListV3["pagination"] = {
    total: page.total,
    limit: query.limit,
    offset: 0,
    next_page_token: page.last ? encodePageToken([page.last.name, page.last.id]) : null,
  };
  const json: JsonText<TResourceListV3> = `{"data":${page.data},"pagination":${JSON.stringify(pagination)}}`;
  return { json, count: page.count };
}
