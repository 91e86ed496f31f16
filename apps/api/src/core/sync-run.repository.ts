import type { IntegrationStatus, Prisma, SyncRun } from "../../generated/prisma/client.ts";
import type { Queue } from "../../jobs/queue.ts";
import { transactionSql } from "../common/transaction-sql.ts";

/**
 * Why a fetch was started: by an admin (`initial` on create, `manual` refresh, `update` after a
 * change that alters what is fetched) or by the background (`scheduled` resync, `recovery` of an
 * integration found waiting with no run behind it).
 */
export type SyncTrigger = "initial" | "manual" | "update" | "scheduled" | "recovery";

/**
 * Queues a fetch inside the caller's transaction: the SyncRun row, the pg-boss job carrying
 * it (written through the same transaction) and the integration's pointer to it. Either all
 * of it is committed or none, so an integration can never wait for a fetch that is not coming.
 */
export async function enqueueSync(
  tx: Prisma.TransactionClient,
  queue: Queue,
  options: { integrationId: string; trigger: SyncTrigger; status?: IntegrationStatus },
): Promise<SyncRun> {
  const run = await tx.syncRun.create({
    data: { integrationId: options.integrationId, trigger: options.trigger, state: "queued" },
  });
  const jobId = await queue.send(
    "integration.sync",
    { integrationId: options.integrationId, runId: run.id },
    { db: transactionSql(tx) },
  );
  if (!jobId)
    throw new Error(`The job queue did not accept the fetch of integration ${options.integrationId}`);
  const queued = await tx.syncRun.update({ where: { id: run.id }, data: { jobId } });
  await tx.integration.update({
    where: { id: options.integrationId },
    data: { currentSyncRunId: run.id, ...(options.status ? { status: options.status } : {}) },
  });
  return queued;
}
