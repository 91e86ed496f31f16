import type { SyncScope } from "../../generated/prisma/client.ts";
import type { JobDelivery } from "../../jobs/queue.ts";
import type { AwsIdentity } from "../aws/aws-clients.ts";
import { runIdentityDirectory } from "../directory/identity-directory-scope.ts";
import { RESOURCE_TYPE_READERS } from "../discoverers/resource-types.ts";
import { prefetched } from "../discoverers/types.ts";
import { connectorIdentity, managementIdentity, memberIdentity } from "../identities.ts";
import { runOrganizationTree } from "../organization/organization-tree.ts";
import { DiscoveryError, describeFailure, type Failure } from "./discovery-error.ts";
import { finalizeRun } from "./finalize-run.ts";
import { OwnerResolver, ownerRules } from "./owners.ts";
import { ResourceWriter } from "./resource-writer.ts";
import { ORGANIZATION_ACCOUNT_TYPE, scopeKind } from "./scope-plan.ts";
import type { SyncDeps } from "./sync-deps.ts";
import { type ScopeOutcome, type SyncStore, syncStore } from "./sync-store.ts";
import { loadSyncTarget, type SyncTarget } from "./sync-target.ts";

type ScopeWork = { scope: SyncScope; target: SyncTarget; writer: ResourceWriter; signal: AbortSignal };

/** Reads each of the scope's resource types with `identity`, writing as pages come in. */
async function readTypes(
  deps: SyncDeps,
  work: ScopeWork,
  identity: AwsIdentity,
  where: { accountId: string; region: string },
): Promise<void> {
  for (const type of work.scope.resourceTypes) {
    const reader = RESOURCE_TYPE_READERS[type];
    if (!reader) continue;
    try {
      const pages = reader.discover({
        aws: deps.runtime.aws,
        identity,
        accountId: where.accountId,
        region: where.region,
        type,
        pageSizes: deps.runtime.config.pageSizes,
        detailConcurrency: deps.runtime.config.detailConcurrency,
        signal: work.signal,
      });
      for await (const page of prefetched(pages)) await work.writer.add(page);
    } catch (error) {
      throw new DiscoveryError(
        describeFailure(error, {
          doing: reader.doing,
          accountId: where.accountId,
          region: where.region,
          resourceType: type,
          caller: identity.roleArn,
          actions: reader.actions,
        }),
        { cause: error },
      );
    }
  }
}

async function runScopeWork(deps: SyncDeps, store: SyncStore, work: ScopeWork): Promise<void> {
  const { scope, target, signal } = work;
  if (target.kind === "aws-account") {
    const identity = await connectorIdentity(deps.runtime, target.connector, signal);
    await readTypes(deps, work, identity, {
      accountId: scope.accountId ?? "",
      region: scope.region ?? target.region,
    });
    return;
  }
  const management = await managementIdentity(
    deps.runtime,
    target.connector,
    target.managementRoleArn,
    target.region,
    signal,
  );
  switch (scopeKind(scope.key)) {
    case "organization-tree":
      await runOrganizationTree(
        deps,
        store,
        target,
        {
          runId: scope.runId,
          identity: management,
          withAccounts: scope.resourceTypes.includes(ORGANIZATION_ACCOUNT_TYPE),
        },
        work.writer,
        signal,
      );
      return;
    case "member-account": {
      const accountId = scope.accountId ?? "";
      const details = (scope.details ?? {}) as { ou_id?: string };
      const identity = await memberIdentity(
        deps.runtime,
        management,
        { accountId, roleName: target.memberRoleName, region: target.region, ouId: details.ou_id },
        signal,
      );
      await readTypes(deps, work, identity, { accountId, region: target.region });
      return;
    }
    case "identity-directory":
      await runIdentityDirectory(
        deps,
        target,
        management,
        {
          accountId: scope.accountId ?? management.accountId ?? "",
          region: scope.region ?? target.ssoRegion,
        },
        signal,
      );
      return;
    case "resource-type":
      await readTypes(deps, work, management, {
        accountId: scope.accountId ?? management.accountId ?? "",
        region: scope.region ?? target.ssoRegion,
      });
  }
}

function timedOut(deps: SyncDeps, job: JobDelivery): Failure {
  const seconds = deps.timing.scopeJobTimeoutSeconds;
  return {
    code: "Timeout",
    message: `This scope did not finish within ${seconds} s on any of its ${job.retryLimit + 1} attempts.`,
    fix: "Fetch again; for very large accounts raise SYNC_SCOPE_TIMEOUT_SECONDS, and check that AWS answers (throttling, network).",
    retryable: false,
  };
}

/**
 * `integration.sync-scope`: one unit of a fetch. A failure is final only when retrying
 * cannot help or this is the last attempt; otherwise the job fails and pg-boss retries it
 * with backoff (possibly on another worker; writes are idempotent upserts). Whoever finishes
 * the last scope finalizes the run.
 */
export async function runScopeJob(
  deps: SyncDeps,
  payload: { runId: string; scopeKey: string },
  job: JobDelivery,
): Promise<void> {
  const store = syncStore(deps.db, deps.queue);
  const scope = await store.claimScope(payload.runId, payload.scopeKey);
  if (!scope) return;
  const run = await deps.db.syncRun.findUnique({
    where: { id: scope.runId },
    select: { integrationId: true },
  });
  if (!run) return;
  let writer: ResourceWriter | undefined;
  let outcome: ScopeOutcome;
  try {
    const target = await loadSyncTarget(deps.db, run.integrationId);
    if (!target) return;
    const rules = ownerRules(
      target.integration,
      await deps.db.identitySource.findMany({ select: { id: true, name: true, type: true } }),
    );
    // A retried attempt may have written some rows already; so may an earlier run.
    const maybeStored = scope.attempts > 1 || (await store.scopeFetchedBefore(scope.runId, scope.key));
    writer = new ResourceWriter(
      deps.db,
      new OwnerResolver(deps.db, rules),
      { integrationId: run.integrationId, runId: scope.runId, scopeKey: scope.key },
      deps.runtime.config.batchSize,
      maybeStored ? "upsert" : "append",
    );
    await runScopeWork(deps, store, { scope, target, writer, signal: job.signal });
    await writer.flush();
    outcome = { state: "done", resourcesFound: writer.written };
  } catch (error) {
    // Aborted: the job's time ran out, or this process is stopping. Another attempt may do better.
    const interrupted = job.signal.aborted;
    const failure = interrupted
      ? timedOut(deps, job)
      : describeFailure(error, {
          doing: "fetching this scope",
          accountId: scope.accountId,
          region: scope.region,
        });
    if ((failure.retryable || interrupted) && !job.lastAttempt) throw error;
    deps.logger.warn({ runId: scope.runId, scope: scope.key, code: failure.code }, "scope failed");
    outcome = { state: "failed", resourcesFound: writer?.written ?? 0, failure };
  }
  if (await store.finishScope(scope, outcome)) {
    await finalizeRun(deps.db, scope.runId, { syncIntervalHours: deps.syncIntervalHours });
  }
}
