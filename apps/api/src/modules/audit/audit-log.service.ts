import type { Db } from "../../db/prisma.ts";
import { decodePageToken, encodePageToken, invalidPageToken } from "../common/page-token.ts";
import { toAuditEntry } from "./audit.mapper.ts";
import { auditRepository } from "./audit.repository.ts";
import type { AuditLogQuery } from "./audit.schemas.ts";

const MAX_BIGINT = 2n ** 63n - 1n;

function afterIdOf(pageToken: string | undefined): bigint | undefined {
  if (pageToken === undefined) return undefined;
  const [id] = decodePageToken(pageToken, 1);
  if (!id || !/^\d{1,19}$/.test(id) || BigInt(id) > MAX_BIGINT) throw invalidPageToken();
  return BigInt(id);
}

/** Reading the audit log (entries are written by `recordAudit`, with the change they describe). */
export function auditLogService(deps: { db: Db }) {
  const repository = auditRepository(deps.db);
  return {
    /** Newest first, filtered, keyset-paginated by entry id. */
    async list(query: AuditLogQuery) {
      const { limit, page_token, target_type, target_id, action } = query;
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
  };
}
