import type { TListResourcesQuery, TResourceListV3 } from "@portcullis/shared";
import { ownerRules, resolveResourceOwners } from "../../core/resource-owners.ts";
import { type Db, pgPoolOf } from "../../db/prisma.ts";
import { decodePageToken, encodePageToken, invalidPageToken } from "../common/page-token.ts";
import { isUuid } from "../common/uuid.ts";
import { integrationNotFound } from "../integrations/integration-rules.ts";
import { resourceTags, toResourceV3 } from "./resource.mapper.ts";
import { resourceRepository } from "./resource.repository.ts";

/**
 * One page of an integration's resources (the caller checks the integration is visible), null
 * when there is no such integration. Owners follow the directory live: they are resolved for the
 * whole page in one statement, so a membership change, a deactivation or a new person counts
 * without a new fetch.
 */
export async function listResources(
  db: Db,
  integrationId: string,
  query: TListResourcesQuery,
): Promise<TResourceListV3 | null> {
  let after: { name: string; id: string } | undefined;
  if (query.page_token !== undefined) {
    const [name, id] = decodePageToken(query.page_token, 2) as [string, string];
    if (!isUuid(id)) throw invalidPageToken();
    after = { name, id };
  }
  const pool = pgPoolOf(db);
  const repository = resourceRepository(pool);
  const [{ rows, total }, settings] = await Promise.all([
    repository.page({
      integrationId,
      type: query["resource-type"],
      search: query.search || undefined,
      after,
      take: query.limit + 1,
    }),
    repository.ownerSettings(integrationId),
  ]);
  if (!settings) return null;
  const page = rows.slice(0, query.limit);
  const owners = await resolveResourceOwners(
    pool,
    ownerRules(settings, settings.sources),
    page.map(resourceTags),
  );
  const last = page[page.length - 1];
  const pagination: TResourceListV3["pagination"] = {
    total,
    limit: query.limit,
    offset: 0,
    next_page_token: rows.length > query.limit && last ? encodePageToken([last.name, last.id]) : null,
  };
  return { data: page.map((row, index) => toResourceV3(row, owners[index])), pagination };
}

export function resourceService(deps: { db: Db }) {
  return {
    /** The admin's view: any integration's resources; an unknown integration is a 404. */
    async list(integrationId: string, query: TListResourcesQuery): Promise<TResourceListV3> {
      if (!isUuid(integrationId)) throw integrationNotFound(integrationId);
      const page = await listResources(deps.db, integrationId, query);
      if (!page) throw integrationNotFound(integrationId);
      return page;
    },
  };
}
