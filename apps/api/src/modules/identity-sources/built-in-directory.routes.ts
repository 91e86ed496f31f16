import {
  ZCreateIdentityGroup,
  ZCreateIdentityPerson,
  ZIdentityGroup,
  ZIdentityPerson,
  ZUpdateIdentityGroup,
  ZUpdateIdentityPerson,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody, ZNoContent } from "../common/route-schemas.ts";
import { builtInDirectoryService } from "./built-in-directory.service.ts";
import { IDENTITY_SOURCES_PATH } from "./identity-source.routes.ts";

const tags = ["Identity sources"];
const ADMIN = { access: "admin" } as const;

const ZPageQuery = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number from 1 to 1000." })
    .int({ error: "limit must be a whole number." })
    .min(1, { error: "limit must be at least 1." })
    .max(1000, { error: "limit must be at most 1000." })
    .default(100),
  offset: z.coerce
    .number({ error: "offset must be a number." })
    .int({ error: "offset must be a whole number." })
    .min(0, { error: "offset must be at least 0." })
    .default(0),
});
const ZMemberParams = ZIdParams.extend({ memberId: z.string().max(200) });

/** People and groups of a source: everyone can be read; only a built-in source's can be edited. */
export const builtInDirectoryRoutes =
  (deps: Parameters<typeof builtInDirectoryService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = builtInDirectoryService(deps);
    const people = `${IDENTITY_SOURCES_PATH}/:id/people`;
    const groups = `${IDENTITY_SOURCES_PATH}/:id/groups`;

    app.get(
      people,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "People of a source (live ones, in the order they were added)",
          params: ZIdParams,
          querystring: ZPageQuery,
          response: {
            200: z.object({ items: z.array(ZIdentityPerson), total: z.number().int() }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => service.listPeople(request.params.id, request.query),
    );

    app.post(
      people,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Add a person to a built-in source",
          params: ZIdParams,
          body: ZCreateIdentityPerson,
          response: { 201: ZIdentityPerson, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.createPerson(request.params.id, request.body, auditContext(request))),
    );

    app.patch(
      `${people}/:memberId`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Change a person of a built-in source (active: false deactivates)",
          params: ZMemberParams,
          body: ZUpdateIdentityPerson,
          response: { 200: ZIdentityPerson, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        service.updatePerson(request.params.id, request.params.memberId, request.body, auditContext(request)),
    );

    app.delete(
      `${people}/:memberId`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Remove a person from a built-in source (kept in history)",
          params: ZMemberParams,
          body: ZNoBody,
          response: { 204: ZNoContent, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await service.deletePerson(request.params.id, request.params.memberId, auditContext(request));
        return reply.status(204).send(undefined);
      },
    );

    app.get(
      groups,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Groups of a source with their members",
          params: ZIdParams,
          querystring: ZPageQuery,
          response: {
            200: z.object({ items: z.array(ZIdentityGroup), total: z.number().int() }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => service.listGroups(request.params.id, request.query),
    );

    app.post(
      groups,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Add a group to a built-in source",
          params: ZIdParams,
          body: ZCreateIdentityGroup,
          response: { 201: ZIdentityGroup, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.createGroup(request.params.id, request.body, auditContext(request))),
    );

    app.patch(
      `${groups}/:memberId`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Rename a group of a built-in source or set its members",
          params: ZMemberParams,
          body: ZUpdateIdentityGroup,
          response: { 200: ZIdentityGroup, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        service.updateGroup(request.params.id, request.params.memberId, request.body, auditContext(request)),
    );

    app.delete(
      `${groups}/:memberId`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Delete a group of a built-in source",
          params: ZMemberParams,
          body: ZNoBody,
          response: { 204: ZNoContent, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await service.deleteGroup(request.params.id, request.params.memberId, auditContext(request));
        return reply.status(204).send(undefined);
      },
    );
  };
