import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorResponses } from "../common/route-schemas.ts";
import { ZAuditLogList, ZAuditLogQuery } from "./audit.schemas.ts";
import { auditLogService } from "./audit-log.service.ts";

export const auditRoutes =
  (deps: Parameters<typeof auditLogService>[0]): FastifyPluginAsyncZod =>
  async (app) => {
    const service = auditLogService(deps);

    app.get(
      "/api/admin/audit-log",
      {
        config: { access: "admin" },
        schema: {
          tags: ["Audit log"],
          summary: "List audit entries, newest first",
          description:
            "Every admin write, with who made it, when, and the object before and after (secrets redacted). Filter by target and action; page with `page_token`.",
          querystring: ZAuditLogQuery,
          response: { 200: ZAuditLogList, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => service.list(request.query),
    );
  };
