import {
  makeLimitParam,
  ZListResourcesQuery,
  ZPageTokenParam,
  ZPortalIntegration,
  ZResourceListV3,
  ZTokenPagination,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/prisma.ts";
import { sendAsJsonText } from "../common/json-text.ts";
import { decodePageToken, encodePageToken } from "../common/page-token.ts";
import { errorResponses, ZIdParams } from "../common/route-schemas.ts";
import { isUuid } from "../common/uuid.ts";
import { integrationNotFound } from "../integrations/integration-rules.ts";
import { listResources } from "../resources/resource-list.ts";
import { toPortalIntegration } from "./portal.mapper.ts";
import { portalVisibleWhere } from "./portal-visibility.ts";

const TAGS = ["Portal"];

const ZPortalQuery = z.object({ limit: makeLimitParam(), page_token: ZPageTokenParam });
const ZPortalList = z.object({ items: z.array(ZPortalIntegration), pagination: ZTokenPagination });

export const portalRoutes =
  (deps: { db: Db }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/portal/integrations",
      {
        config: { access: "authenticated" },
        schema: {
          tags: TAGS,
          summary: "Integrations end users can use, with how to sign in",
          description:
            "Active and Warning integrations (also while a refresh runs) by name, with the admin's custom access details and sign-in help: the SSO portal link of an organization, or an AWS CLI profile snippet for an account.",
          querystring: ZPortalQuery,
          response: { 200: ZPortalList, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const { limit, page_token } = request.query;
        const afterName = page_token === undefined ? undefined : decodePageToken(page_token, 1)[0];
        const rows = await deps.db.integration.findMany({
          where: {
            ...(await portalVisibleWhere(deps.db)),
            ...(afterName !== undefined ? { name: { gt: afterName } } : {}),
          },
          orderBy: { name: "asc" },
          take: limit + 1,
          include: { _count: { select: { resources: true } } },
        });
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
          items: page.map(toPortalIntegration),
          pagination: { next_page_token: rows.length > limit && last ? encodePageToken([last.name]) : null },
        };
      },
    );

    app.get(
      "/api/portal/integrations/:id/resources",
      {
        config: { access: "authenticated" },
        schema: {
          tags: TAGS,
          summary: "Resources of an integration shown in the portal",
          params: ZIdParams,
          querystring: ZListResourcesQuery,
          response: { 200: ZResourceListV3, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const visible =
          isUuid(id) &&
          (await deps.db.integration.count({ where: await portalVisibleWhere(deps.db, id) })) > 0;
        if (!visible) throw integrationNotFound(id);
        return sendAsJsonText(reply, await listResources(deps.db, id, request.query));
      },
    );
  };
