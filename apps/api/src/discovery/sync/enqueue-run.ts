import type { Db } from "../../db/prisma.ts";
import type { IntegrationStatus } from "../../generated/prisma/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { TRANSACTION_OPTIONS, transactionSql } from "../../modules/common/transaction-sql.ts";

/** Why the background started a fetch on its own. */
export type BackgroundTrigger = "scheduled" | "recovery";

/**
 * Queues a fetch for an integration that has none waiting or running: the run, its job (in
 * the same transaction) and the integration's pointer to it. The row lock makes concurrent
 * ticks (or a refresh from the API) take turns, so an integration gets one run at a time.
 * Returns the run id, or null when a run was already active or the integration is gone.
 */
export async function enqueueBackgroundRun(
  db: Db,
  queue: Queue,
  integrationId: string,
  options: { trigger: BackgroundTrigger; status?: IntegrationStatus },
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
    const run = await tx.syncRun.create({
      data: { integrationId, trigger: options.trigger, state: "queued" },
    });
    const jobId = await queue.send(
      "integration.sync",
      { integrationId, runId: run.id },
      { db: transactionSql(tx) },
    );
    if (!jobId) throw new Error(`The job queue did not accept the fetch of integration ${integrationId}`);
    await tx.syncRun.update({ where: { id: run.id }, data: { jobId } });
    await tx.integration.update({
      where: { id: integrationId },
      data: { currentSyncRunId: run.id, ...(options.status ? { status: options.status } : {}) },
    });
    return run.id;
  }, TRANSACTION_OPTIONS);
  if (runId) queue.wake("integration.sync");
  return runId;
}
