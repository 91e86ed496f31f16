import { ZActivityList, ZListActivityQuery } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses } from "../common/route-schemas.ts";
import { activityService } from "./activity.service.ts";

export const activityRoutes =
  (deps: Parameters<typeof activityService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = activityService(deps);

    app.get(
      "/api/v3/activity",
      {
        config: { access: "admin" },
        schema: {
          tags: ["Activity"],
          summary: "List Activity",
          operationId: "listActivity",
          description:
            "What people did in AWS with the access Portcullis granted, read from CloudTrail for integrations with Enable Audit on; newest first. Each item is one CloudTrail event: the published fields describe its access request, `portcullis` the event. `start_date`/`end_date` are seconds since 1970.",
          querystring: ZListActivityQuery,
          response: { 200: ZActivityList, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.list(request.query),
    );

    app.get(
      "/api/v3/access-requests/:id/activity",
      {
        config: { access: "admin" },
        schema: {
          tags: ["Activity"],
          summary: "One access request's activity (its timeline)",
          description:
            "The CloudTrail events of the request's grants, newest first; the same shape and filters as List Activity.",
          params: z.object({ id: z.string().max(100) }),
          querystring: ZListActivityQuery,
          response: { 200: ZActivityList, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.ofRequest(request.params.id, request.query),
    );
  };
