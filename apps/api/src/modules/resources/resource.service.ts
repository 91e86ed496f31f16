import type { TListResourcesQuery, TResourceListV3 } from "@portcullis/shared";
import { type Db, pgPoolOf } from "../../db/prisma.ts";
import { decodePageToken, encodePageToken, invalidPageToken } from "../common/page-token.ts";
import { isUuid } from "../common/uuid.ts";
import { integrationRepository } from "../integrations/integration.repository.ts";
import { integrationNotFound } from "../integrations/integration-rules.ts";
import { toResourceV3 } from "./resource.mapper.ts";
import { resourceRepository } from "./resource.repository.ts";

/** One page of an integration's resources (the caller checks the integration is visible). */
export async function listResources(
  db: Db,
  integrationId: string,
  query: TListResourcesQuery,
): Promise<TResourceListV3> {
  let after: { name: string; id: string } | undefined;
  if (query.page_token !== undefined) {
    const [name, id] = decodePageToken(query.page_token, 2) as [string, string];
    if (!isUuid(id)) throw invalidPageToken();
    after = { name, id };
  }
  const { rows, total } = await resourceRepository(pgPoolOf(db)).page({
    integrationId,
    type: query["resource-type"],
    search: query.search || undefined,
    after,
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const pagination: TResourceListV3["pagination"] = {
    total,
    limit: query.limit,
    offset: 0,
    next_page_token: rows.length > query.limit && last ? encodePageToken([last.name, last.id]) : null,
  };
  return { data: page.map(toResourceV3), pagination };
}

export function resourceService(deps: { db: Db }) {
  const integrations = integrationRepository(deps.db);
  return {
    /** The admin's view: any integration's resources; an unknown integration is a 404. */
    async list(integrationId: string, query: TListResourcesQuery): Promise<TResourceListV3> {
      if (!isUuid(integrationId)) throw integrationNotFound(integrationId);
      const page = await listResources(deps.db, integrationId, query);
      // Rows prove the integration exists (foreign key): only an empty page costs the extra query.
      if (page.data.length === 0 && !(await integrations.exists(integrationId)))
        throw integrationNotFound(integrationId);
      return page;
    },
  };
}
