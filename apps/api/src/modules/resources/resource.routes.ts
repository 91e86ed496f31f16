import { ZListResourcesQuery, ZResourceListV3 } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorResponses, ZIdParams } from "../common/route-schemas.ts";
import { resourceService } from "./resource.service.ts";

export const resourceRoutes =
  (deps: Parameters<typeof resourceService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = resourceService(deps);

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
      // Kept while its data is unchanged (plugins/list-cache.ts); every admin sees the same page.
      async (request, reply) =>
        app.listCache.send(
          reply,
          { route: "resources", visibility: "admin", params: request.params, query: request.query },
          () => service.list(request.params.id, request.query),
        ),
    );
  };
