import { transactionSql } from "../db/transaction-sql.ts";
import type { Integration, IntegrationStatus, Prisma, SyncRun } from "../generated/prisma/client.ts";
import type { Queue } from "../jobs/queue.ts";
import { type WithParsedConfig, withParsedConfig } from "./integration-config.ts";

/**
 * Why a fetch was started: by an admin (`initial` on create, `manual` refresh, `update` after a
 * change that alters what is fetched, `enable` of a disabled integration) or by the background
 * (`scheduled` resync, `recovery` of an integration found waiting with no run behind it).
 */
export type SyncTrigger = "initial" | "manual" | "update" | "enable" | "scheduled" | "recovery";

/** The states of a fetch that is waiting or running: an integration has at most one such run. */
export const ACTIVE_RUN_STATES = ["queued", "running"] as const satisfies readonly SyncRun["state"][];

/** SQL spelling of ACTIVE_RUN_STATES, for statements written by hand. */
export const ACTIVE_RUN_STATES_SQL = ACTIVE_RUN_STATES.map((state) => `'${state}'`).join(", ");

export type LockedIntegration = WithParsedConfig<Integration>;

/**
 * Locks the integration's row until the transaction ends, so refreshes, edits, deletes and
 * background ticks take turns. Null when the integration does not exist.
 */
export async function lockIntegration(
  tx: Prisma.TransactionClient,
  integrationId: string,
): Promise<LockedIntegration | null> {
  // Prisma has no SELECT … FOR UPDATE: the lock is taken by hand, the row read by Prisma.
  await tx.$queryRaw`SELECT id FROM integrations WHERE id = ${integrationId}::uuid FOR UPDATE`;
  const row = await tx.integration.findUnique({ where: { id: integrationId } });
  return row ? withParsedConfig(row) : null;
}

/** The fetch waiting or running for an integration, if any. */
export function activeRun(client: Prisma.TransactionClient, integrationId: string) {
  return client.syncRun.findFirst({
    where: { integrationId, state: { in: [...ACTIVE_RUN_STATES] } },
    orderBy: { createdAt: "desc" },
  });
}

/**
 * Queues a fetch inside the caller's transaction: the SyncRun row, the pg-boss job carrying
 * it (written through the same transaction) and the integration's pointer to it. Either all
 * of it is committed or none, so an integration can never wait for a fetch that is not coming.
 * Callers that may race another fetch use `queueFetch` instead.
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

export type QueueFetchOutcome =
  | { outcome: "missing" }
  | { outcome: "disabled"; integration: LockedIntegration }
  | { outcome: "not-disabled"; integration: LockedIntegration }
  | { outcome: "active"; integration: LockedIntegration; active: SyncRun }
  | { outcome: "queued"; integration: LockedIntegration; run: SyncRun };

/**
 * The one way to start a fetch of an existing integration: lock its row, check that no fetch is
 * waiting or running (one run at a time), then queue one, all in the caller's transaction. A
 * disabled integration is not fetched, unless `enabling` it (which only applies to a disabled
 * one). The status becomes `status` when given, else `Refreshing` (an integration still
 * `Initializing` stays so until its first fetch ends).
 */
export async function queueFetch(
  tx: Prisma.TransactionClient,
  queue: Queue,
  integrationId: string,
  options: { trigger: SyncTrigger; status?: IntegrationStatus; enabling?: boolean },
): Promise<QueueFetchOutcome> {
  const integration = await lockIntegration(tx, integrationId);
  if (!integration) return { outcome: "missing" };
  const disabled = integration.status === "Disabled";
  if (options.enabling && !disabled) return { outcome: "not-disabled", integration };
  if (!options.enabling && disabled) return { outcome: "disabled", integration };
  const active = await activeRun(tx, integrationId);
  if (active) return { outcome: "active", integration, active };
  const status = options.status ?? (integration.status === "Initializing" ? undefined : "Refreshing");
  const run = await enqueueSync(tx, queue, { integrationId, trigger: options.trigger, status });
  return { outcome: "queued", integration, run };
}
