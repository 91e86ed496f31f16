import {
  ZConnectorListV3,
  ZConnectorV3,
  ZCreateConnector,
  ZListConnectorsQuery,
  ZUpdateConnector,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody, ZNoContent } from "../common/route-schemas.ts";
import { type ConnectorServiceDeps, connectorService } from "./connector.service.ts";

const TAGS = ["Connectors"];

export const connectorRoutes =
  (deps: ConnectorServiceDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const service = connectorService(deps);

    app.get(
      "/api/admin/v3/connectors",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "List Connectors",
          querystring: ZListConnectorsQuery,
          response: { 200: ZConnectorListV3, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.list(request.query),
    );

    app.post(
      "/api/admin/v3/connectors",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Register a connector",
          description:
            "Creates an AWS connector with a readable id derived from its name and a generated external id (put it in the trust policy of the role to assume as `sts:ExternalId`), then checks it. A failed check still registers it, as DISCONNECTED, with the reason in `last_check`.",
          body: ZCreateConnector,
          response: { 201: ZConnectorV3, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(request.body, auditContext(request))),
    );

    app.get(
      "/api/admin/v3/connectors/:id",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Get Connector",
          params: ZIdParams,
          response: { 200: ZConnectorV3, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.get(request.params.id),
    );

    app.put(
      "/api/admin/v3/connectors/:id",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Update Connector",
          description:
            "Renames the connector; `role_arn` and `region` change how it reaches AWS (absent: unchanged; `role_arn: null` removes the role). Such a change is checked again right away.",
          params: ZIdParams,
          body: ZUpdateConnector,
          response: { 200: ZConnectorV3, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => service.update(request.params.id, request.body, auditContext(request)),
    );

    app.delete(
      "/api/admin/v3/connectors/:id",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Delete Connector",
          description: "A connector that integrations use cannot be deleted (409, naming them).",
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

    app.post(
      "/api/admin/v3/connectors/:id/check",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Check a connector against AWS now",
          description:
            "Verifies the credentials (and the role assumption, with the external id) and stores the outcome: status, AWS account, `last_connected` and `last_check`.",
          params: ZIdParams,
          body: ZNoBody,
          response: { 200: ZConnectorV3, ...errorResponses(400, 401, 403, 404, 503) },
        },
      },
      async (request) => service.check(request.params.id, auditContext(request)),
    );
  };
