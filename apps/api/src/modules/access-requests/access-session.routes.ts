import {
  ZAccessSessionDetailsV1,
  ZAccessSessionListV1,
  ZAccessSessionV1,
  ZListAccessSessionsQuery,
  ZMessageResponse,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireAuth } from "../../plugins/access-control.ts";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody } from "../common/route-schemas.ts";
import { credentialRotationService } from "../credential-rotation/credential-rotation.service.ts";
import { accessSessionService } from "./access-session.service.ts";

const tags = ["Access sessions"];
const SIGNED_IN = { access: "authenticated" } as const;
const PATH = "/api/user/v1/access-sessions";

export const accessSessionRoutes =
  (deps: Parameters<typeof credentialRotationService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = accessSessionService(deps);
    const rotation = credentialRotationService(deps);
    const userId = (request: Parameters<typeof requireAuth>[0]) => requireAuth(request).principal.userId;

    app.get(
      PATH,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Your live access: one session per granted entitlement",
          querystring: ZListAccessSessionsQuery,
          response: { 200: ZAccessSessionListV1, ...errorResponses(400, 401) },
        },
      },
      async (request) => service.list(userId(request), request.query),
    );

    app.get(
      `${PATH}/:id`,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "One of your access sessions",
          params: ZIdParams,
          response: { 200: ZAccessSessionV1, ...errorResponses(401, 404) },
        },
      },
      async (request) => service.get(userId(request), request.params.id),
    );

    app.get(
      `${PATH}/:id/access-details`,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "How to use the access: instructions, admin message, sign-in link, CLI profile",
          description:
            "A new access key's secret is in the first answer only (credentials_status AVAILABLE → VIEWED).",
          params: ZIdParams,
          response: { 200: ZAccessSessionDetailsV1, ...errorResponses(401, 404) },
        },
      },
      async (request) => service.details(userId(request), request.params.id, auditContext(request)),
    );

    app.post(
      `${PATH}/:id/reset-credentials`,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Replace the access key of your managed IAM user (the new one is shown once)",
          description:
            "credentials_status goes RESETTING, then AVAILABLE with the new key in the next access details.",
          params: ZIdParams,
          body: ZNoBody,
          response: { 200: ZMessageResponse, ...errorResponses(401, 404, 409, 502) },
        },
      },
      async (request) => rotation.resetCredentials(userId(request), request.params.id, auditContext(request)),
    );
  };
