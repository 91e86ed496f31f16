import type { JobDelivery } from "../../jobs/queue.ts";
import { getCallerIdentity } from "../aws/role-sessions.ts";
import { connectorIdentity, managementIdentity } from "../identities.ts";
import { DiscoveryError, describeFailure } from "./discovery-error.ts";
import { finalizeRun } from "./finalize-run.ts";
import { accountScopes, organizationScopes, type ScopeSpec } from "./scope-plan.ts";
import type { SyncDeps } from "./sync-deps.ts";
import { syncStore } from "./sync-store.ts";
import { loadSyncTarget, type SyncTarget } from "./sync-target.ts";

/** Checks the credentials the whole fetch depends on, and returns the scopes to fan out. */
async function plan(deps: SyncDeps, target: SyncTarget, signal: AbortSignal): Promise<ScopeSpec[]> {
  if (target.kind === "aws-account") {
    const identity = await connectorIdentity(deps.runtime, target.connector, signal);
    const caller = await getCallerIdentity(deps.runtime.aws, identity, target.region, signal).catch(
      (error) => {
        throw new DiscoveryError(
          describeFailure(error, {
            doing: "reading the connector's identity (sts:GetCallerIdentity)",
            caller: target.connector.roleArn,
          }),
          { cause: error },
        );
      },
    );
    return accountScopes(target, caller.accountId);
  }
  const management = await managementIdentity(
    deps.runtime,
    target.connector,
    target.managementRoleArn,
    target.region,
    signal,
  );
  return organizationScopes(target, management.accountId ?? "");
}

/**
 * `integration.sync`: starts a run (queued → running, with its deadline), checks that the
 * connector (and for an organization, the management role) can be used, then creates the
 * run's scopes and queues a job for each, for any worker to take. When nothing can be
 * fetched at all, the run is finished at once as failed, with the reason and its fix.
 */
export async function runSyncJob(
  deps: SyncDeps,
  payload: { integrationId: string; runId: string },
  job: JobDelivery,
): Promise<void> {
  const store = syncStore(deps.db, deps.queue);
  const run = await store.startRun(payload.runId, deps.timing.runDeadlineMinutes);
  if (!run || run.integrationId !== payload.integrationId) return;
  try {
    const target = await loadSyncTarget(deps.db, payload.integrationId);
    if (!target) return;
    const scopes = await plan(deps, target, job.signal);
    await store.addScopes(run.id, scopes, {
      accountsFound: target.kind === "aws-account" ? 1 : 0,
      onlyIfNew: true,
    });
    if (scopes.length === 0)
      await finalizeRun(deps.db, run.id, { syncIntervalHours: deps.syncIntervalHours });
  } catch (error) {
    const failure = describeFailure(error, { doing: "connecting to AWS" });
    if ((failure.retryable || job.signal.aborted) && !job.lastAttempt) throw error;
    deps.logger.warn({ runId: run.id, code: failure.code }, "fetch failed before it could start");
    await finalizeRun(deps.db, run.id, {
      syncIntervalHours: deps.syncIntervalHours,
      runFailure: { ...failure, scope: "connector" },
    });
  }
}
