import { quoteValue, type TMessageResponse } from "@portcullis/shared";
import { queueFetch } from "../../core/sync-run.repository.ts";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import type { Queue } from "../../jobs/queue.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { isUuid } from "../common/uuid.ts";
import { integrationDisabled, integrationNotFound } from "./integration-rules.ts";

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
  return deps.db.$transaction(async (tx) => {
    const queued = await queueFetch(tx, deps.queue, id, { trigger: "manual" });
    if (queued.outcome === "missing") throw integrationNotFound(id);
    const { integration } = queued;
    if (queued.outcome === "disabled") throw integrationDisabled(integration.name);
    if (queued.outcome === "active") {
      const what = queued.active.state === "running" ? "is already running" : "is already queued";
      return {
        queued: false,
        message: `A fetch of ${quoteValue(integration.name)} ${what}; no new one was queued. Its progress is under portcullis.sync.`,
      };
    }
    // "not-disabled" only answers an `enabling` request.
    if (queued.outcome !== "queued") throw new Error(`Unexpected fetch outcome ${queued.outcome}`);
    await recordAudit(tx, {
      ...audit,
      action: "integration.refresh",
      targetType: "integration",
      targetId: id,
      before: { status: integration.status },
      after: {
        status: integration.status === "Initializing" ? integration.status : "Refreshing",
        run_id: queued.run.id,
      },
    });
    return { queued: true, message: `Queued a fetch of ${quoteValue(integration.name)}.` };
  }, TRANSACTION_OPTIONS);
}
