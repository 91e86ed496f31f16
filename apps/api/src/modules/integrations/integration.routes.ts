import {
  INTEGRATION_BODY_HINTS,
  ZCreateIntegration,
  ZIntegrationCheckResponse,
  ZIntegrationListV4,
  ZIntegrationV4,
  ZListIntegrationsQuery,
  ZMessageResponse,
  ZSyncRunList,
  ZSyncRunListQuery,
  ZUpdateIntegration,
} from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { IntegrationChecker } from "../../core/integration-check.types.ts";
import { AppError } from "../../lib/app-error.ts";
import { auditContext } from "../audit/audit.service.ts";
import { errorResponses, ZIdParams, ZNoBody, ZNoContent } from "../common/route-schemas.ts";
import { type IntegrationServiceDeps, integrationService } from "./integration.service.ts";
import { integrationCheckService } from "./integration-check.service.ts";
import { integrationQueryService } from "./integration-query.service.ts";
import { refreshIntegration } from "./integration-refresh.ts";
import { integrationNotFound } from "./integration-rules.ts";

const TAGS = ["Integrations"];

export const integrationRoutes =
  (deps: IntegrationServiceDeps & { checker?: IntegrationChecker }): FastifyPluginAsyncZod =>
  async (app) => {
    const service = integrationService(deps);
    const checks = integrationCheckService({ db: deps.db, logger: deps.logger, checker: deps.checker });
    const queries = integrationQueryService(deps);

    app.get(
      "/api/admin/v4/integrations",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "list Integrations",
          description:
            "Newest first. `name` and `type` accept wildcards (`*` contains, `prefix*`, `*suffix`); `type`, `status` and `connector_id` may be repeated. Continue with `page_token` = the previous page's `pagination.next_page_token`.",
          querystring: ZListIntegrationsQuery,
          response: { 200: ZIntegrationListV4, ...errorResponses(400, 401, 403) },
        },
      },
      // Kept while its data is unchanged (plugins/list-cache.ts); every admin sees the same page.
      async (request, reply) =>
        app.listCache.send(reply, { route: "integrations", visibility: "admin", query: request.query }, () =>
          queries.list(request.query),
        ),
    );

    app.get(
      "/api/admin/v4/integrations/:id/sync-runs",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Fetch history of an integration",
          description:
            "Newest first: each fetch with what started it, its progress counters, duration and per-scope errors.",
          params: ZIdParams,
          querystring: ZSyncRunListQuery,
          response: { 200: ZSyncRunList, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => queries.syncRuns(request.params.id, request.query.limit),
    );

    app.post(
      "/api/admin/v4/integrations",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Create Integration",
          description:
            "Validates the settings of the type, the connector (exists and CONNECTED) and the owners (exist in the directory); the name must be unique (409). The integration starts as `Initializing` with its first fetch queued in the same transaction.",
          body: ZCreateIntegration,
          response: { 201: ZIntegrationV4, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(request.body, auditContext(request))),
    );

    app.post(
      "/api/admin/v4/integrations/check",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Check an integration's setup before creating it",
          description:
            "Takes the body of Create Integration and runs named checks against AWS, live: connector reachable, management role assumable, organization readable, each excluded OU exists, Identity Center in the SSO Region and the SSO Portal belongs to it, a sample member role assumable, each selected resource type listable, the SSM policy for EC2. Nothing is created. Each check has a `status` (passed, failed, warning, skipped), a `message`, a `fix` and the body `field` to change.",
          body: ZCreateIntegration,
          response: { 200: ZIntegrationCheckResponse, ...errorResponses(400, 401, 403, 503) },
        },
      },
      async (request) => ({ checks: await checks.check(request.body, request.id) }),
    );

    app.get(
      "/api/admin/v4/integrations/:id",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Get Integration By Id",
          params: ZIdParams,
          response: { 200: ZIntegrationV4, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => queries.get(request.params.id),
    );

    app.put(
      "/api/admin/v4/integrations/:id",
      {
        config: { access: "admin" },
        // `type` cannot change. Sending the current type is tolerated (clients that echo the
        // object back); any other value is a 400 on `type`.
        preValidation: async (request) => {
          const body = request.body as Record<string, unknown> | null;
          if (typeof body !== "object" || body === null || Array.isArray(body) || !("type" in body)) return;
          const { id } = request.params as { id: string };
          const type = await queries.typeOf(id);
          if (type === null) throw integrationNotFound(id);
          if (body.type !== type)
            throw AppError.field("INTEGRATION_TYPE_IMMUTABLE", "type", INTEGRATION_BODY_HINTS.type);
          delete body.type;
        },
        schema: {
          tags: TAGS,
          summary: "Update Integration",
          description:
            "Replaces the settings (UpdateIntegrationV4); `type` cannot change. A change of connector, config or resource types queues a fetch.",
          params: ZIdParams,
          body: ZUpdateIntegration,
          response: { 200: ZIntegrationV4, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => service.update(request.params.id, request.body, auditContext(request)),
    );

    app.delete(
      "/api/admin/v4/integrations/:id",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Delete Integration",
          description: "Removes its discovered resources and cancels its pending fetches.",
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

    app.post(
      "/api/admin/v4/integrations/:id/disable",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Disable Integration",
          description:
            "Status becomes `Disabled`: no periodic or manual fetch is queued and the portal hides it; its resources stay. A fetch already running finishes without changing the status. Disabling a disabled integration changes nothing.",
          params: ZIdParams,
          body: ZNoBody,
          response: { 200: ZIntegrationV4, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.disable(request.params.id, auditContext(request)),
    );

    app.post(
      "/api/admin/v4/integrations/:id/enable",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "Enable Integration",
          description:
            "A disabled integration is fetched again: status `Refreshing` with a fetch queued; the fetch sets `Active`, `Warning` or `Error`. Enabling an integration that is not disabled changes nothing.",
          params: ZIdParams,
          body: ZNoBody,
          response: { 200: ZIntegrationV4, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.enable(request.params.id, auditContext(request)),
    );

    app.post(
      "/api/v2/integrations/:id/refresh",
      {
        config: { access: "admin" },
        schema: {
          tags: TAGS,
          summary: "refresh integration",
          description:
            "Queues a fetch (status becomes `Refreshing`, or stays `Initializing`). When a fetch is already queued or running, nothing new is queued and the message says so. A disabled integration is a 409 (`INTEGRATION_DISABLED`): enable it first.",
          params: ZIdParams,
          body: ZNoBody,
          response: { 200: ZMessageResponse, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { message } = await refreshIntegration(deps, request.params.id, auditContext(request));
        return { message };
      },
    );
  };
