import {
  ZAccessRequestDecision,
  ZAccessRequestEntitlementListV4,
  ZAccessRequestListV3,
  ZAccessRequestListV4,
  ZAccessRequestV3,
  ZAccessRequestV4,
  ZBulkRevokeAccessRequests,
  ZCreateAccessRequest,
  ZListAccessRequestsQuery,
  ZListAccessRequestsV3Query,
  ZMessageResponse,
  ZRequestAgain,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireAuth } from "../../plugins/access-control.ts";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody } from "../common/route-schemas.ts";
import { type AccessRequestDeps, accessRequestService } from "./access-request.service.ts";

export const USER_REQUESTS_PATH = "/api/user/v4/access-requests";
export const APPROVALS_PATH = "/api/user/v4/approvals";
export const ADMIN_REQUESTS_PATH = "/api/v3/access-requests";
const tags = ["Access requests"];
const SIGNED_IN = { access: "authenticated" } as const;
const ADMIN = { access: "admin" } as const;

export const accessRequestRoutes =
  (deps: AccessRequestDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const service = accessRequestService(deps);
    const userId = (request: Parameters<typeof requireAuth>[0]) => requireAuth(request).principal.userId;

    app.post(
      USER_REQUESTS_PATH,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Request access (one request per access flow that covers the entitlements)",
          body: ZCreateAccessRequest,
          response: { 201: z.array(ZAccessRequestV4), ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(userId(request), request.body, auditContext(request))),
    );

    app.get(
      USER_REQUESTS_PATH,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Your access requests, newest first",
          querystring: ZListAccessRequestsQuery,
          response: { 200: ZAccessRequestListV4, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.listOwn(userId(request), request.query),
    );

    app.get(
      APPROVALS_PATH,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary:
            "Requests you may approve or reject (PENDING unless statuses say otherwise), and those you decided",
          querystring: ZListAccessRequestsQuery,
          response: { 200: ZAccessRequestListV4, ...errorResponses(400, 401) },
        },
      },
      async (request) => service.listToDecide(userId(request), request.query),
    );

    app.get(
      `${USER_REQUESTS_PATH}/:id`,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "One access request (yours, one you may decide, or any for admins)",
          params: ZIdParams,
          response: { 200: ZAccessRequestV4, ...errorResponses(401, 404) },
        },
      },
      async (request) => service.get(userId(request), request.params.id),
    );

    app.get(
      `${USER_REQUESTS_PATH}/:id/entitlements`,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "The entitlements of an access request, each with its grant status",
          params: ZIdParams,
          response: { 200: ZAccessRequestEntitlementListV4, ...errorResponses(401, 404) },
        },
      },
      async (request) => service.entitlements(userId(request), request.params.id),
    );

    for (const [verb, decide] of [
      ["approve", service.approve],
      ["reject", service.reject],
    ] as const) {
      app.post(
        `${USER_REQUESTS_PATH}/:id/${verb}`,
        {
          config: SIGNED_IN,
          schema: {
            tags,
            summary: `${verb === "approve" ? "Approve" : "Reject"} a pending access request (approvers only)`,
            params: ZIdParams,
            body: ZAccessRequestDecision,
            response: { 200: ZAccessRequestV4, ...errorResponses(400, 401, 403, 404, 409) },
          },
        },
        async (request) => decide(userId(request), request.params.id, request.body, auditContext(request)),
      );
    }

    app.post(
      `${USER_REQUESTS_PATH}/:id/revoke`,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Revoke your access (a pending request is canceled)",
          params: ZIdParams,
          body: ZNoBody,
          response: { 200: ZMessageResponse, ...errorResponses(400, 401, 404, 409) },
        },
      },
      async (request) => service.revoke(userId(request), request.params.id, auditContext(request)),
    );

    app.post(
      `${USER_REQUESTS_PATH}/:id/request-again`,
      {
        config: SIGNED_IN,
        schema: {
          tags,
          summary: "Make the same request again",
          params: ZIdParams,
          body: ZRequestAgain,
          response: { 201: z.array(ZAccessRequestV4), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await service.requestAgain(
              userId(request),
              request.params.id,
              request.body,
              auditContext(request),
            ),
          ),
    );

    app.get(
      ADMIN_REQUESTS_PATH,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Every access request (admins)",
          querystring: ZListAccessRequestsV3Query,
          response: { 200: ZAccessRequestListV3, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.adminList(request.query),
    );

    app.get(
      `${ADMIN_REQUESTS_PATH}/:id`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "One access request (admins)",
          params: ZIdParams,
          response: { 200: ZAccessRequestV3, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => service.adminGet(request.params.id),
    );

    app.post(
      "/api/v3/access-requests-bulk/revoke",
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Revoke several access requests (admins)",
          body: ZBulkRevokeAccessRequests,
          response: { 200: ZMessageResponse, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.bulkRevoke(userId(request), request.body.request_ids, auditContext(request)),
    );
  };
