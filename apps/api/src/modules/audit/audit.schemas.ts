import { makeLimitParam, ZIsoDateTime, ZPageTokenParam, ZTokenPagination } from "@portcullis/shared";
import { z } from "zod";

const ZFilter = (name: string) =>
  z
    .string()
    .max(200, { error: `${name} must be at most 200 characters.` })
    .optional();

/** GET /api/admin/audit-log query. */
export const ZAuditLogQuery = z.object({
  target_type: ZFilter("target_type"),
  target_id: ZFilter("target_id"),
  action: ZFilter("action"),
  limit: makeLimitParam(),
  page_token: ZPageTokenParam,
});

/** One audit entry: who did what to which object, with its state before and after (secrets redacted). */
export const ZAuditEntry = z.object({
  id: z.string(),
  at: ZIsoDateTime,
  actor_id: z.string().nullable(),
  actor_email: z.string().nullable(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  request_id: z.string().nullable(),
});

export const ZAuditLogList = z.object({ items: z.array(ZAuditEntry), pagination: ZTokenPagination });

export type AuditLogQuery = z.output<typeof ZAuditLogQuery>;
export type AuditEntryOut = z.output<typeof ZAuditEntry>;
