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
import { sendAsJsonText } from "../common/json-text.ts";
import { errorResponses, ZIdParams } from "../common/route-schemas.ts";
import { portalService } from "./portal.service.ts";

const TAGS = ["Portal"];

const ZPortalQuery = z.object({ limit: makeLimitParam(), page_token: ZPageTokenParam });
const ZPortalList = z.object({ items: z.array(ZPortalIntegration), pagination: ZTokenPagination });

export const portalRoutes =
  (deps: Parameters<typeof portalService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = portalService(deps);

    app.get(
      "/api/portal/integrations",
      {
        config: { access: "authenticated" },
        schema: {
          tags: TAGS,
          summary: "Integrations end users can use, with how to sign in",
          description:
            "Active and Warning integrations by name, with the admin's custom access details and sign-in help: the SSO portal link of an organization, or an AWS CLI profile snippet for an account.",
          querystring: ZPortalQuery,
          response: { 200: ZPortalList, ...errorResponses(400, 401) },
        },
      },
      async (request) => service.list(request.query),
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
      async (request, reply) =>
        sendAsJsonText(reply, await service.resources(request.params.id, request.query)),
    );
  };
