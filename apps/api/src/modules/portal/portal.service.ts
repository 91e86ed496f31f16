import type { TListResourcesQuery, TPortalIntegration, TResourceListV3 } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { decodePageToken, encodePageToken } from "../common/page-token.ts";
import { isUuid } from "../common/uuid.ts";
import { integrationNotFound } from "../integrations/integration-rules.ts";
import { listResources } from "../resources/resource.service.ts";
import { toPortalIntegration } from "./portal.mapper.ts";
import { portalRepository } from "./portal.repository.ts";

/** What end users see: working integrations and their resources. */
export function portalService(deps: { db: Db }) {
  const repository = portalRepository(deps.db);
  return {
    async list(query: { limit: number; page_token?: string | undefined }) {
      const { limit, page_token } = query;
      const afterName = page_token === undefined ? undefined : decodePageToken(page_token, 1)[0];
      const rows = await repository.list({ afterName, take: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toPortalIntegration) satisfies TPortalIntegration[],
        pagination: { next_page_token: rows.length > limit && last ? encodePageToken([last.name]) : null },
      };
    },

    /** An integration the portal does not show is a 404, as if it did not exist. */
    async resources(id: string, query: TListResourcesQuery): Promise<TResourceListV3> {
      const visible = isUuid(id) && (await repository.isVisible(id));
      if (!visible) throw integrationNotFound(id);
      const page = await listResources(deps.db, id, query);
      if (!page) throw integrationNotFound(id);
      return page;
    },
  };
}
