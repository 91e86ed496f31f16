import { ZCreateApiToken, ZCreatedApiToken } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireAuth } from "../../plugins/access-control.ts";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody, ZNoContent } from "../common/route-schemas.ts";
import { apiTokenService } from "./api-token.service.ts";
import { ZApiTokenList } from "./auth.schemas.ts";

export const apiTokenRoutes =
  (deps: Parameters<typeof apiTokenService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = apiTokenService(deps);

    app.get(
      "/api/auth/tokens",
      {
        config: { access: "authenticated" },
        schema: {
          tags: ["Auth"],
          summary: "Your personal API tokens (never their secrets)",
          response: { 200: ZApiTokenList, ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await service.list(requireAuth(request).principal.userId) }),
    );

    app.post(
      "/api/auth/tokens",
      {
        config: { access: "authenticated" },
        schema: {
          tags: ["Auth"],
          summary: "Create a personal API token",
          description:
            "The token is in the answer once and never again; only its hash is stored. Send it as `Authorization: Bearer <token>`.",
          body: ZCreateApiToken,
          response: { 201: ZCreatedApiToken, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const created = await service.create(
          requireAuth(request).principal.userId,
          request.body,
          auditContext(request),
        );
        return reply.status(201).send(created);
      },
    );

    app.delete(
      "/api/auth/tokens/:id",
      {
        config: { access: "authenticated" },
        schema: {
          tags: ["Auth"],
          summary: "Revoke one of your API tokens",
          params: ZIdParams,
          body: ZNoBody,
          response: { 204: ZNoContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await service.delete(requireAuth(request).principal.userId, request.params.id, auditContext(request));
        return reply.status(204).send(undefined);
      },
    );
  };
