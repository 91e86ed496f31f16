import { ZAppUser, ZCreateAppUser } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody, ZNoContent } from "../common/route-schemas.ts";
import { usersService } from "./users.service.ts";

const ZAppUserList = z.object({ items: z.array(ZAppUser) });

export const usersRoutes =
  (deps: Parameters<typeof usersService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = usersService(deps);

    app.get(
      "/api/admin/users",
      {
        config: { access: "admin" },
        schema: {
          tags: ["Users"],
          summary: "List Portcullis accounts",
          response: { 200: ZAppUserList, ...errorResponses(401, 403) },
        },
      },
      async () => ({ items: await service.list() }),
    );

    app.post(
      "/api/admin/users",
      {
        config: { access: "admin" },
        schema: {
          tags: ["Users"],
          summary: "Create an account with an initial password",
          body: ZCreateAppUser,
          response: { 201: ZAppUser, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(request.body, auditContext(request))),
    );

    app.delete(
      "/api/admin/users/:id",
      {
        config: { access: "admin" },
        schema: {
          tags: ["Users"],
          summary: "Delete an account (not your own, not the last admin)",
          description: "Its sessions and API tokens end with it.",
          params: ZIdParams,
          body: ZNoBody,
          response: { 204: ZNoContent, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await service.delete(request.params.id, auditContext(request));
        return reply.status(204).send(undefined);
      },
    );
  };
