import type { Db } from "../../db/prisma.ts";
import type { IntegrationStatus } from "../../generated/prisma/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { TRANSACTION_OPTIONS } from "../../modules/common/transaction-sql.ts";
import { enqueueSync, type SyncTrigger } from "../../modules/integrations/sync-enqueue.ts";

/**
 * Queues a fetch for an integration that has none waiting or running (see `enqueueSync`). The row
 * lock makes concurrent ticks (or a refresh from the API) take turns, so an integration gets one
 * run at a time. Returns the run id, or null when a run was already active or the integration is
 * gone or disabled.
 */
export async function enqueueBackgroundRun(
  db: Db,
  queue: Queue,
  integrationId: string,
  options: { trigger: Extract<SyncTrigger, "scheduled" | "recovery">; status?: IntegrationStatus },
): Promise<string | null> {
  const runId = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRawUnsafe<Array<{ status: IntegrationStatus }>>(
      `SELECT status FROM integrations WHERE id = $1::uuid FOR UPDATE`,
      integrationId,
    );
    if (!locked[0] || locked[0].status === "Disabled") return null;
    const active = await tx.syncRun.findFirst({
      where: { integrationId, state: { in: ["queued", "running"] } },
      select: { id: true },
    });
    if (active) return null;
    const run = await enqueueSync(tx, queue, { integrationId, ...options });
    return run.id;
  }, TRANSACTION_OPTIONS);
  if (runId) queue.wake("integration.sync");
  return runId;
}
