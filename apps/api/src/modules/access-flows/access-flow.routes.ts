import { ZAccessFlowListV2, ZAccessFlowUpsert, ZAccessFlowV2 } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody, ZNoContent } from "../common/route-schemas.ts";
import { accessFlowService } from "./access-flow.service.ts";

export const ACCESS_FLOWS_PATH = "/api/admin/v2/access-flows";
const tags = ["Access flows"];
const ADMIN = { access: "admin" } as const;

const ZListQuery = z.object({
  limit: z.coerce
    .number({ error: "limit must be a whole number from 1 to 500." })
    .int({ error: "limit must be a whole number from 1 to 500." })
    .min(1, { error: "limit must be a whole number from 1 to 500." })
    .max(500, { error: "limit must be a whole number from 1 to 500." })
    .default(100),
  page_token: z.string().max(2048).optional(),
});

export const accessFlowRoutes =
  (deps: Parameters<typeof accessFlowService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = accessFlowService(deps);

    app.get(
      ACCESS_FLOWS_PATH,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "List access flows",
          querystring: ZListQuery,
          response: { 200: ZAccessFlowListV2, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.list(request.query),
    );

    app.post(
      ACCESS_FLOWS_PATH,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Create an access flow",
          description:
            "Left out: approver_policy → the resource owners approve; grant_duration_in_min → 60; settings → justification required. approver_policy null: granted without approval.",
          body: ZAccessFlowUpsert,
          response: { 201: ZAccessFlowV2, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(request.body, auditContext(request))),
    );

    app.get(
      `${ACCESS_FLOWS_PATH}/:id`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "One access flow",
          params: ZIdParams,
          response: { 200: ZAccessFlowV2, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => service.get(request.params.id),
    );

    app.put(
      `${ACCESS_FLOWS_PATH}/:id`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Replace an access flow (waiting requests keep the policy they were made under)",
          params: ZIdParams,
          body: ZAccessFlowUpsert,
          response: { 200: ZAccessFlowV2, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => service.update(request.params.id, request.body, auditContext(request)),
    );

    app.delete(
      `${ACCESS_FLOWS_PATH}/:id`,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Delete an access flow (its requests and grants stay as they are)",
          params: ZIdParams,
          body: ZNoBody,
          response: { 204: ZNoContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await service.delete(request.params.id, auditContext(request));
        return reply.status(204).send(undefined);
      },
    );
  };
