import type { AuditLog } from "../../generated/prisma/client.ts";
import type { AuditEntryOut } from "./audit.schemas.ts";

export function toAuditEntry(row: AuditLog): AuditEntryOut {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    actor_id: row.actorId,
    actor_email: row.actorEmail,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    before: row.before ?? null,
    after: row.after ?? null,
    request_id: row.requestId,
  };
}
