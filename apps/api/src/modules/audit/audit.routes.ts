import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/prisma.ts";
import { decodePageToken, encodePageToken, invalidPageToken } from "../common/page-token.ts";
import { errorResponses } from "../common/route-schemas.ts";
import { toAuditEntry } from "./audit.mapper.ts";
import { auditRepository } from "./audit.repository.ts";
import { ZAuditLogList, ZAuditLogQuery } from "./audit.schemas.ts";

const MAX_BIGINT = 2n ** 63n - 1n;

function afterIdOf(pageToken: string | undefined): bigint | undefined {
  if (pageToken === undefined) return undefined;
  const [id] = decodePageToken(pageToken, 1);
  if (!id || !/^\d{1,19}$/.test(id) || BigInt(id) > MAX_BIGINT) throw invalidPageToken();
  return BigInt(id);
}

export const auditRoutes =
  (deps: { db: Db }): FastifyPluginAsyncZod =>
  async (app) => {
    const repository = auditRepository(deps.db);

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
      async (request) => {
        const { limit, page_token, target_type, target_id, action } = request.query;
        const rows = await repository.list({
          targetType: target_type,
          targetId: target_id,
          action,
          afterId: afterIdOf(page_token),
          take: limit + 1,
        });
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
          items: page.map(toAuditEntry),
          pagination: {
            next_page_token: rows.length > limit && last ? encodePageToken([last.id.toString()]) : null,
          },
        };
      },
    );
  };
