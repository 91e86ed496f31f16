import { queueFetch, type SyncTrigger } from "../../core/sync-run.repository.ts";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import type { IntegrationStatus } from "../../generated/prisma/client.ts";
import type { Queue } from "../../jobs/queue.ts";

/**
 * Queues a fetch for an integration that has none waiting or running (see `queueFetch`).
 * Returns the run id, or null when a run was already active or the integration is gone or
 * disabled.
 */
export async function enqueueBackgroundRun(
  db: Db,
  queue: Queue,
  integrationId: string,
  options: { trigger: Extract<SyncTrigger, "scheduled" | "recovery">; status?: IntegrationStatus },
): Promise<string | null> {
  const runId = await db.$transaction(async (tx) => {
    const queued = await queueFetch(tx, queue, integrationId, options);
    return queued.outcome === "queued" ? queued.run.id : null;
  }, TRANSACTION_OPTIONS);
  if (runId) queue.wake("integration.sync");
  return runId;
}
