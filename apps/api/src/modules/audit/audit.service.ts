import type { Db } from "../../db/prisma.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { RequestAuth } from "../auth/auth.types.ts";
import { insertAuditEntry } from "./audit.repository.ts";
import { redactSecrets } from "./redact.ts";

export type AuditActor = { userId: string; email: string } | null;

export type AuditEntry = {
  actor: AuditActor;
  requestId: string;
  /** `<target>.<verb>`, e.g. "integration.create". */
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
};

/** What an audit entry needs from a request. */
export type AuditContext = { actor: AuditActor; requestId: string };

export function auditContext(request: { id: string; auth: RequestAuth | null }): AuditContext {
  const principal = request.auth?.principal;
  return {
    actor: principal ? { userId: principal.userId, email: principal.email } : null,
    requestId: request.id,
  };
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return redactSecrets(value) as Prisma.InputJsonValue;
}

/**
 * Writes audit entries, inside the caller's transaction when given one, so an entry
 * exists exactly when the change it describes is committed.
 */
export async function recordAudit(client: Db | Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(client, {
    actorId: entry.actor?.userId ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: json(entry.before),
    after: json(entry.after),
    requestId: entry.requestId,
  });
}
