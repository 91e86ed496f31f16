import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scimSourceOf } from "./scim-auth.ts";
import { GROUP_SCHEMA, SCIM_CONTENT_TYPE, SCIM_PREFIX, USER_SCHEMA } from "./scim-constants.ts";
import { resourceTypes, schemas, serviceProviderConfig } from "./scim-discovery.ts";
import { ScimError } from "./scim-error.ts";
import { registerScimErrorHandler } from "./scim-error-handler.ts";
import { scimGroupsService } from "./scim-groups.service.ts";
import { toProjection } from "./scim-request.ts";
import { scimUsersService } from "./scim-users.service.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Under /scim/v2: the identity source the bearer token opens. */
    scimSourceId: string;
  }
}

const ZListQuery = z.object({
  filter: z.string().max(4000).optional(),
  startIndex: z.string().max(20).optional(),
  count: z.string().max(20).optional(),
  attributes: z.string().max(2000).optional(),
  excludedAttributes: z.string().max(2000).optional(),
});
const ZProjectionQuery = ZListQuery.pick({ attributes: true, excludedAttributes: true });
const ZResourceParams = z.object({ id: z.string().max(200) });

/** SCIM's routes answer for themselves: the bearer token is checked here, not by the app's access control. */
const PUBLIC = { access: "public" } as const;

function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${SCIM_PREFIX}`;
}

/**
 * The SCIM 2.0 service provider (RFC 7643/7644) IdPs provision into, at /scim/v2. Its own
 * content type, authentication (the source's bearer token) and error shape.
 */
export const scimRoutes =
  (deps: Parameters<typeof scimUsersService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const users = scimUsersService(deps);
    const groups = scimGroupsService(deps);

    registerScimErrorHandler(app);
    app.addContentTypeParser(
      SCIM_CONTENT_TYPE,
      { parseAs: "string" },
      app.getDefaultJsonParser("error", "error"),
    );
    app.decorateRequest("scimSourceId", "");
    app.addHook("onRequest", async (request) => {
      request.scimSourceId = await scimSourceOf(request, deps);
    });
    app.addHook("onSend", async (_request, reply, payload) => {
      if (reply.getHeader("content-type")?.toString().startsWith("application/json")) {
        reply.type(SCIM_CONTENT_TYPE);
      }
      return payload;
    });

    const tags = ["SCIM"];
    app.get("/ServiceProviderConfig", { config: PUBLIC, schema: { tags } }, async (request) =>
      serviceProviderConfig(baseUrlOf(request)),
    );
    app.get("/ResourceTypes", { config: PUBLIC, schema: { tags } }, async (request) => {
      const all = resourceTypes(baseUrlOf(request));
      return listOf(all);
    });
    app.get(
      "/ResourceTypes/:id",
      { config: PUBLIC, schema: { tags, params: ZResourceParams } },
      async (request) => {
        const found = resourceTypes(baseUrlOf(request)).find((type) => type.id === request.params.id);
        if (!found) throw new ScimError(404, `No resource type "${request.params.id.slice(0, 60)}".`);
        return found;
      },
    );
    app.get("/Schemas", { config: PUBLIC, schema: { tags } }, async (request) =>
      listOf(schemas(baseUrlOf(request))),
    );
    app.get(
      "/Schemas/:id",
      { config: PUBLIC, schema: { tags, params: ZResourceParams } },
      async (request) => {
        const found = schemas(baseUrlOf(request)).find((schema) => schema.id === request.params.id);
        if (!found) throw new ScimError(404, `No schema "${request.params.id.slice(0, 60)}".`);
        return found;
      },
    );

    for (const [path, service, coreSchema] of [
      ["/Users", users, USER_SCHEMA],
      ["/Groups", groups, GROUP_SCHEMA],
    ] as const) {
      app.get(path, { config: PUBLIC, schema: { tags, querystring: ZListQuery } }, async (request) =>
        service.list(request.scimSourceId, request.query, baseUrlOf(request)),
      );
      app.post(
        path,
        { config: PUBLIC, schema: { tags, querystring: ZProjectionQuery } },
        async (request, reply) => {
          const created = await service.create(
            request.scimSourceId,
            request.body,
            baseUrlOf(request),
            toProjection(request.query, coreSchema),
          );
          return reply
            .status(201)
            .header("location", (created.meta as { location: string }).location)
            .send(created);
        },
      );
      app.get(
        `${path}/:id`,
        { config: PUBLIC, schema: { tags, params: ZResourceParams, querystring: ZProjectionQuery } },
        async (request) =>
          service.get(request.scimSourceId, request.params.id, request.query, baseUrlOf(request)),
      );
      app.put(`${path}/:id`, { config: PUBLIC, schema: { tags, params: ZResourceParams } }, async (request) =>
        service.replace(request.scimSourceId, request.params.id, request.body, baseUrlOf(request)),
      );
      app.patch(
        `${path}/:id`,
        { config: PUBLIC, schema: { tags, params: ZResourceParams } },
        async (request) =>
          service.patch(request.scimSourceId, request.params.id, request.body, baseUrlOf(request)),
      );
      app.delete(
        `${path}/:id`,
        { config: PUBLIC, schema: { tags, params: ZResourceParams } },
        async (request, reply) => {
          await service.delete(request.scimSourceId, request.params.id);
          return reply.status(204).send();
        },
      );
    }
  };

function listOf(resources: Array<Record<string, unknown>>): Record<string, unknown> {
  return {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
