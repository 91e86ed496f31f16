import type { TSyncError } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import type { IntegrationStatus, Prisma, SyncState } from "../../generated/prisma/client.ts";
import type { Failure } from "./discovery-error.ts";
import { ORGANIZATION_TREE_KEY, scopeKind } from "./scope-plan.ts";

/** Errors kept on a run; the status message still counts them all. */
const MAX_ERRORS = 500;

type ScopeRow = {
  key: string;
  state: string;
  account_id: string | null;
  region: string | null;
  resource_types: string[];
  error_code: string | null;
  error_message: string | null;
  fix: string | null;
  details: Record<string, unknown> | null;
};

export type FinalizeOptions = {
  syncIntervalHours: number;
  /**
   * Finish now even if scopes are unfinished (deadline passed, or their workers died): they
   * are recorded as failed with this failure.
   */
  abandon?: Failure;
  /** Nothing could be fetched at all (e.g. the connector's credentials): the run fails with this. */
  runFailure?: Failure & { scope: string; accountId?: string | null; region?: string | null };
  /** With `runFailure`: do nothing if the run has scopes after all (its coordinator finished meanwhile). */
  onlyWithoutScopes?: boolean;
};

export type Finalized = { state: SyncState; status: IntegrationStatus; message: string | null };

function syncError(scope: ScopeRow): TSyncError {
  const failedType = scope.details?.failed_resource_type;
  return {
    scope: scope.key,
    account_id: scope.account_id,
    region: scope.region,
    resource_type: typeof failedType === "string" ? failedType : scope.resource_types.join(", ") || null,
    code: scope.error_code ?? "Unknown",
    message: scope.error_message ?? "The scope could not be fetched.",
    fix: scope.fix ?? "Fetch again.",
  };
}

/** One line for the integration: what failed, shortest first, then where to read the rest. */
function summary(errors: readonly TSyncError[], failed: number, total: number): string {
  const assume = errors.filter((e) => /^Role .+ cannot be assumed in \d{12}/.test(e.message));
  const parts: string[] = [];
  if (assume.length > 0) {
    const role = /^Role (\S+) cannot/.exec(assume[0]!.message)?.[1] ?? "the member role";
    const accounts = assume.map((e) => e.account_id).filter(Boolean);
    const shown = accounts.slice(0, 5).join(", ");
    parts.push(
      `role ${role} cannot be assumed in ${shown}${accounts.length > 5 ? ` and ${accounts.length - 5} more accounts` : ""}`,
    );
  }
  for (const error of errors.filter((e) => !assume.includes(e)).slice(0, 2)) parts.push(error.message);
  const rest = failed - assume.length - Math.min(2, errors.length - assume.length);
  return `${failed} of ${total} scopes could not be fetched: ${parts.join("; ")}${rest > 0 ? `; and ${rest} more` : ""}. The other scopes' data is up to date; the errors say how to fix each.`;
}

/**
 * Finishes a run exactly once (compare-and-set on its state) and gives the integration its
 * honest status: Active when every scope succeeded, Warning when some failed (their data
 * from earlier fetches is kept), Error when nothing could be fetched. Resources that
 * disappeared are removed only where this run looked successfully. Null when the run was
 * already finished, or still has scopes to do.
 */
export async function finalizeRun(
  db: Db,
  runId: string,
  options: FinalizeOptions,
): Promise<Finalized | null> {
  return db.$transaction(async (tx) => {
    // Integration first, then run: the order a delete of the integration takes them in.
    const owner = await tx.$queryRawUnsafe<Array<{ integration_id: string; type: string }>>(
      `SELECT i.id::text AS integration_id, i.type FROM integrations i
       JOIN sync_runs r ON r.integration_id = i.id WHERE r.id = $1::uuid FOR UPDATE OF i`,
      runId,
    );
    const integration = owner[0];
    if (!integration) return null;
    const runs = await tx.$queryRawUnsafe<Array<{ state: SyncState }>>(
      `SELECT state FROM sync_runs WHERE id = $1::uuid FOR UPDATE`,
      runId,
    );
    if (!runs[0] || (runs[0].state !== "running" && runs[0].state !== "queued")) return null;

    if (options.abandon) {
      const a = options.abandon;
      await tx.$executeRawUnsafe(
        `UPDATE sync_scopes SET state = 'failed', finished_at = now(), error_code = $2, error_message = $3, fix = $4
         WHERE run_id = $1::uuid AND state IN ('pending', 'running')`,
        runId,
        a.code,
        a.message,
        a.fix,
      );
    }
    const scopes = await tx.$queryRawUnsafe<ScopeRow[]>(
      `SELECT key, state::text AS state, account_id, region, resource_types, error_code, error_message, fix, details
       FROM sync_scopes WHERE run_id = $1::uuid ORDER BY key`,
      runId,
    );
    if (options.onlyWithoutScopes && scopes.length > 0) return null;
    if (!options.runFailure && scopes.some((s) => s.state === "pending" || s.state === "running"))
      return null;

    const done = scopes.filter((s) => s.state === "done");
    const failed = scopes.filter((s) => s.state === "failed");
    let errors = failed.map(syncError);
    if (options.runFailure) {
      const f = options.runFailure;
      errors = [
        {
          scope: f.scope,
          account_id: f.accountId ?? null,
          region: f.region ?? null,
          resource_type: f.resourceType ?? null,
          code: f.code,
          message: f.message,
          fix: f.fix,
        },
        ...errors,
      ];
    }

    let state: SyncState;
    let status: IntegrationStatus;
    let message: string | null;
    if (options.runFailure || (done.length === 0 && failed.length > 0)) {
      state = "failed";
      status = "Error";
      const first = errors[0]!;
      message =
        errors.length === 1
          ? `${first.message} ${first.fix}`
          : `Nothing could be fetched (${errors.length} errors). ${first.message} ${first.fix}`;
    } else if (failed.length > 0) {
      state = "partial";
      status = "Warning";
      message = summary(errors, failed.length, scopes.length);
    } else {
      state = "succeeded";
      // Everything was read, but something is not as configured (an excluded OU that does not exist).
      const warnings = done.flatMap((s) =>
        typeof s.details?.warning === "string" ? [s.details.warning] : [],
      );
      status = warnings.length > 0 ? "Warning" : "Active";
      message = warnings.length > 0 ? warnings.join(" ") : null;
    }

    // Resources no longer seen: only under scopes that succeeded now. When the plan itself is
    // complete (an account's types, or an organization whose OU walk succeeded), resources of
    // scopes that no longer exist (a deselected type, an account that left or was excluded)
    // go too.
    const successful = done.map((s) => s.key);
    const planComplete =
      !options.runFailure &&
      (integration.type === "aws-account"
        ? scopes.length > 0
        : done.some((s) => s.key === ORGANIZATION_TREE_KEY) ||
          (scopes.length > 0 && !scopes.some((s) => scopeKind(s.key) === "organization-tree")));
    if (successful.length > 0 || planComplete) {
      await tx.$executeRawUnsafe(
        `DELETE FROM resources
         WHERE integration_id = $1::uuid AND last_sync_run_id IS DISTINCT FROM $2::uuid
           AND (scope_key = ANY($3::text[]) OR ($4 AND (scope_key IS NULL OR NOT (scope_key = ANY($5::text[])))))`,
        integration.integration_id,
        runId,
        successful,
        planComplete,
        scopes.map((s) => s.key),
      );
    }

    const counted = await tx.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM resources WHERE integration_id = $1::uuid AND last_sync_run_id = $2::uuid`,
      integration.integration_id,
      runId,
    );
    await tx.syncRun.update({
      where: { id: runId },
      data: {
        state,
        finishedAt: new Date(),
        errors: errors.slice(0, MAX_ERRORS) as Prisma.InputJsonArray,
        message,
        resourcesFound: counted[0]?.n ?? 0,
        scopesDone: done.length,
        scopesFailed: failed.length,
        scopesTotal: scopes.length,
      },
    });
    await tx.$executeRawUnsafe(
      `UPDATE integrations SET
         status = CASE WHEN status = 'Disabled' THEN status ELSE $3::"IntegrationStatus" END,
         status_message = $4,
         last_sync_time = CASE WHEN $5 THEN now() ELSE last_sync_time END,
         current_sync_run_id = NULL,
         next_sync_at = now() + make_interval(secs => $6::double precision * 3600),
         updated_at = now()
       WHERE id = $1::uuid AND (current_sync_run_id = $2::uuid OR current_sync_run_id IS NULL)`,
      integration.integration_id,
      runId,
      status,
      message,
      state !== "failed",
      options.syncIntervalHours,
    );
    return { state, status, message };
  }, TRANSACTION_OPTIONS);
}
