import {
  ZCreateIdentitySource,
  ZIdentitySource,
  ZIdentitySourceWithToken,
  ZUpdateIdentitySource,
} from "@portcullis/shared";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody, ZNoContent } from "../common/route-schemas.ts";
import { SCIM_PREFIX } from "../scim/scim-constants.ts";
import { identitySourceService } from "./identity-source.service.ts";

export const IDENTITY_SOURCES_PATH = "/api/admin/v1/identity-sources";
const tags = ["Identity sources"];
const ADMIN = { access: "admin" } as const;

/** The SCIM base URL IdPs are given, as this request reached us (behind a proxy with TRUST_PROXY). */
export function scimBaseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${SCIM_PREFIX}`;
}

export const identitySourceRoutes =
  (deps: Parameters<typeof identitySourceService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = identitySourceService(deps);

    app.get(
      IDENTITY_SOURCES_PATH,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "List identity sources with their counts of people and groups",
          response: { 200: z.object({ items: z.array(ZIdentitySource) }), ...errorResponses(401, 403) },
        },
      },
      async (request) => ({ items: await service.list(scimBaseUrlOf(request)) }),
    );

    app.post(
      IDENTITY_SOURCES_PATH,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Create an identity source (SCIM or built-in)",
          description: "A SCIM source's bearer token is in this answer only; it is stored hashed.",
          body: ZCreateIdentitySource,
          response: { 201: ZIdentitySourceWithToken, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.create(request.body, auditContext(request), scimBaseUrlOf(request))),
    );

    app.get(
      `${IDENTITY_SOURCES_PATH}/:id`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "One identity source",
          params: ZIdParams,
          response: { 200: ZIdentitySource, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => service.get(request.params.id, scimBaseUrlOf(request)),
    );

    app.patch(
      `${IDENTITY_SOURCES_PATH}/:id`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Rename an identity source",
          params: ZIdParams,
          body: ZUpdateIdentitySource,
          response: { 200: ZIdentitySource, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        service.rename(request.params.id, request.body, auditContext(request), scimBaseUrlOf(request)),
    );

    app.delete(
      `${IDENTITY_SOURCES_PATH}/:id`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Delete an identity source with its people and groups",
          params: ZIdParams,
          body: ZNoBody,
          response: { 204: ZNoContent, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await service.delete(request.params.id, auditContext(request), scimBaseUrlOf(request));
        return reply.status(204).send(undefined);
      },
    );

    app.post(
      `${IDENTITY_SOURCES_PATH}/:id/rotate-token`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Replace a SCIM source's token (the old one stops working at once)",
          params: ZIdParams,
          body: ZNoBody,
          response: { 200: ZIdentitySourceWithToken, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        service.rotateToken(request.params.id, auditContext(request), scimBaseUrlOf(request)),
    );
  };
