import { quoteValue, type TMessageResponse } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import type { Queue } from "../../jobs/queue.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { TRANSACTION_OPTIONS } from "../common/transaction-sql.ts";
import { isUuid } from "../common/uuid.ts";
import { integrationRepository } from "./integration.repository.ts";
import { integrationNotFound } from "./integration-rules.ts";
import { enqueueSync } from "./sync-enqueue.ts";

export type RefreshOutcome = TMessageResponse & { queued: boolean };

/**
 * A manual fetch: queued with its run in one transaction, on the locked integration row so
 * two clicks cannot queue two fetches. When one is already waiting or running, says so.
 */
export async function refreshIntegration(
  deps: { db: Db; queue: Queue },
  id: string,
  audit: AuditContext,
): Promise<RefreshOutcome> {
  if (!isUuid(id)) throw integrationNotFound(id);
  const repository = integrationRepository(deps.db);
  return deps.db.$transaction(async (tx) => {
    const row = await repository.lockById(tx, id);
    if (!row) throw integrationNotFound(id);
    const active = await repository.activeRun(id, tx);
    if (active) {
      const what = active.state === "running" ? "is already running" : "is already queued";
      return {
        queued: false,
        message: `A fetch of ${quoteValue(row.name)} ${what}; no new one was queued. Its progress is under portcullis.sync.`,
      };
    }
    const status = row.status === "Initializing" ? undefined : "Refreshing";
    const run = await enqueueSync(tx, deps.queue, { integrationId: id, trigger: "manual", status });
    await recordAudit(tx, {
      ...audit,
      action: "integration.refresh",
      targetType: "integration",
      targetId: id,
      before: { status: row.status },
      after: { status: status ?? row.status, run_id: run.id },
    });
    return { queued: true, message: `Queued a fetch of ${quoteValue(row.name)}.` };
  }, TRANSACTION_OPTIONS);
}
