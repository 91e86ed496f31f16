import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

/** Writes an entry, inside the caller's transaction when given one. */
export function insertAuditEntry(
  client: Db | Prisma.TransactionClient,
  data: Prisma.AuditLogUncheckedCreateInput,
) {
  return client.auditLog.create({ data });
}

export function auditRepository(db: Db) {
  return {
    /** Newest first; `afterId` continues strictly below that entry. */
    list(filter: {
      targetType?: string;
      targetId?: string;
      action?: string;
      afterId?: bigint;
      take: number;
    }) {
      const where: Prisma.AuditLogWhereInput = {
        ...(filter.targetType !== undefined ? { targetType: filter.targetType } : {}),
        ...(filter.targetId !== undefined ? { targetId: filter.targetId } : {}),
        ...(filter.action !== undefined ? { action: filter.action } : {}),
        ...(filter.afterId !== undefined ? { id: { lt: filter.afterId } } : {}),
      };
      return db.auditLog.findMany({ where, orderBy: { id: "desc" }, take: filter.take });
    },
  };
}
