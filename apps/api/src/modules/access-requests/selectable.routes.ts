import {
  ZPermissionListV3,
  ZSelectableIntegrationList,
  ZSelectablePermissions,
  ZSelectableResourceList,
  ZSelectableResourcesQuery,
  ZSelectableResourceTypeList,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireAuth } from "../../plugins/access-control.ts";
import { errorResponses, ZIdParams } from "../common/route-schemas.ts";
import { selectableService } from "./selectable.service.ts";

const tags = ["Access requests"];
const SIGNED_IN = { access: "authenticated" } as const;
const ZIntegrationParams = z.object({ integration_id: z.string().max(200) });
const ZTypeParams = ZIntegrationParams.extend({ resource_type: z.string().max(200) });

export const selectableRoutes =
  (deps: Parameters<typeof selectableService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = selectableService(deps);
    const userId = (request: Parameters<typeof requireAuth>[0]) => requireAuth(request).principal.userId;

    app.get(
      "/api/v3/integrations/:id/permissions",
      {
        config: { access: "admin" },
        schema: {
          tags: ["Integrations"],
          summary: "The permissions of each requestable resource type of an integration",
          params: ZIdParams,
          querystring: z.object({ "resource-type": z.string().max(200).optional() }),
          response: { 200: ZPermissionListV3, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.integrationPermissions(request.params.id, request.query["resource-type"]),
    );

    app.get(
      "/api/v3/selectable-integrations",
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Integrations your access flows let you request",
          response: { 200: ZSelectableIntegrationList, ...errorResponses(401) },
        },
      },
      async (request) => service.integrations(userId(request)),
    );

    app.get(
      "/api/v3/selectable-integrations/:integration_id/resource-types",
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Resource types of an integration you may request",
          params: ZIntegrationParams,
          response: { 200: ZSelectableResourceTypeList, ...errorResponses(401) },
        },
      },
      async (request) => service.resourceTypes(userId(request), request.params.integration_id),
    );

    app.get(
      "/api/v3/selectable-integrations/:integration_id/:resource_type/resources",
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Resources you may request (search: name contains)",
          params: ZTypeParams,
          querystring: ZSelectableResourcesQuery,
          response: { 200: ZSelectableResourceList, ...errorResponses(400, 401) },
        },
      },
      async (request) =>
        service.resources(
          userId(request),
          request.params.integration_id,
          request.params.resource_type,
          request.query,
        ),
    );

    app.get(
      "/api/v3/selectable-integrations/:integration_id/:resource_type/permissions",
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Permissions you may request on a resource type",
          params: ZTypeParams,
          response: { 200: ZSelectablePermissions, ...errorResponses(401) },
        },
      },
      async (request) =>
        service.permissions(userId(request), request.params.integration_id, request.params.resource_type),
    );
  };
