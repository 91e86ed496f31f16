import { ZListResourcesQuery, ZResourceListV3 } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/prisma.ts";
import { sendAsJsonText } from "../common/json-text.ts";
import { errorResponses, ZIdParams } from "../common/route-schemas.ts";
import { isUuid } from "../common/uuid.ts";
import { integrationNotFound } from "../integrations/integration-rules.ts";
import { listResources } from "./resource-list.ts";

export const resourceRoutes =
  (deps: { db: Db }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/v3/integrations/:id/resources",
      {
        config: { access: "admin" },
        schema: {
          tags: ["Resources"],
          summary: "get integration resources",
          description:
            "The discovered resources of an integration, by name. Filter by `resource-type`, search name or external id (`search`, any case); continue with `page_token` = the previous `pagination.next_page_token`. `total` counts every match.",
          params: ZIdParams,
          querystring: ZListResourcesQuery,
          response: { 200: ZResourceListV3, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        if (!isUuid(id)) throw integrationNotFound(id);
        const page = await listResources(deps.db, id, request.query);
        // Rows prove the integration exists (foreign key): only an empty page costs the extra query.
        const missing = page.data.length === 0 && (await deps.db.integration.count({ where: { id } })) === 0;
        if (missing) throw integrationNotFound(id);
        return sendAsJsonText(reply, page);
      },
    );
  };
