import type { TManagedCredentialsV1 } from "@portcullis/shared";
import type { Db } from "../../db/prisma.ts";
import {
  buildGrantContext,
  KeyToKeepMissing,
  keyOperationFailure,
  type ManagedKeyOperations,
} from "../../granting/index.ts";
import { AppError } from "../../lib/app-error.ts";
import type { Logger } from "../../lib/logger.ts";
import type { SecretBox } from "../../lib/secret-box.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { isUuid } from "../common/uuid.ts";
import {
  credentialRotationRepository,
  type ManagedUserKey,
  type ManagedUserWithRotation,
} from "./credential-rotation.repository.ts";
import { DAY_MS, isDue, nextRotationAt, periodsOf } from "./rotation-periods.ts";

// Rotation and cleanup of the access keys of managed IAM users (issue #19 §2). A key older than
// the integration's rotation period is rotated at the first moment no grant of its user is live;
// a reset rotates on demand; a user with no grant for the cleanup period is deleted with its keys.
// Every step is retried from where it stopped (see granting/key-rotation.ts) and audited.

export type CredentialRotationDeps = {
  db: Db;
  /**
   * The AWS side (granting's AwsManagedKeys); injected so tests point it at the sandbox. The API
   * process, which only lists credentials, may leave it out.
   */
  keys?: ManagedKeyOperations;
  secrets: SecretBox;
  /** The clock: tests move time instead of sleeping. */
  now?: () => Date;
  logger?: Logger;
};

export type RotationTrigger = "period" | "reset" | "request-again";

export type RotationReport = {
  rotated: string[];
  deferred: string[];
  deleted: string[];
  failed: Array<{ id: string; reason: string }>;
};

/** How long a RESETTING started by a process that died is left alone before another takes it over. */
export const ROTATION_LEASE_MS = 5 * 60_000;

const SYSTEM: AuditContext = { actor: null, requestId: "job:credentials.rotate" };
const IAM_KINDS = new Set(["iam-role", "iam-group", "s3-bucket", "ec2-instance", "rds-instance"]);

class RotationFailed extends Error {
  constructor(
    readonly reason: string,
    readonly fix: string,
  ) {
    super(reason);
  }
}

export function credentialRotationService(deps: CredentialRotationDeps) {
  const repository = credentialRotationRepository(deps.db);
  const now = deps.now ?? (() => new Date());

  async function contextOf(integrationId: string) {
    const integration = await repository.integration(integrationId);
    if (!integration) throw new RotationFailed("The integration is gone.", "Nothing to do.");
    try {
      return {
        integration,
        ctx: buildGrantContext({
          integrationId: integration.id,
          type: integration.type,
          integrationConfig: integration.integrationConfig,
          connector: integration.connector,
        }),
      };
    } catch (error) {
      const failure = keyOperationFailure(error, "Reaching the integration's AWS");
      throw new RotationFailed(failure.reason, failure.fix);
    }
  }

  /** Runs an AWS step; its failure becomes a RotationFailed with AWS's words and the fix. */
  async function aws<T>(
    doing: string,
    step: (keys: ManagedKeyOperations) => Promise<T>,
    cleanup = false,
  ): Promise<T> {
    if (!deps.keys) {
      throw new RotationFailed(`${doing}: this process does not reach AWS.`, "It is retried by a worker.");
    }
    try {
      return await step(deps.keys);
    } catch (error) {
      if (error instanceof KeyToKeepMissing) throw error;
      const failure = keyOperationFailure(error, doing, cleanup);
      throw new RotationFailed(failure.reason, failure.fix);
    }
  }

  /**
   * The rotation itself, for a user whose status this caller moved to RESETTING. Resumes a rotation
   * that stored its new key but did not retire the old one. On failure the status is restored when
   * the old key is still the user's, and the failure is recorded and audited; then it throws.
   */
  async function rotate(user: ManagedUserWithRotation, trigger: RotationTrigger, audit: AuditContext) {
    const at = now();
    let current = user.accessKeyId;
    let retiring = user.rotation?.retiringKeyId ?? null;
    const resuming = retiring !== null;
    try {
      const { ctx } = await contextOf(user.integrationId);
      if (!resuming) {
        const fresh = await aws(`Creating a new access key for ${user.userName}`, (keys) =>
          keys.createReplacementKey(ctx, user.accountId, user.userName, current ? [current] : []),
        );
        const sealed = await deps.secrets.seal(fresh.secretAccessKey);
        retiring = current;
        await repository.storeNewKey(
          user.id,
          // The period counts on Portcullis's clock (the one deciding when a key is due), not IAM's.
          { accessKeyId: fresh.accessKeyId, secretEncrypted: sealed, keyCreatedAt: at },
          retiring,
          at,
        );
        current = fresh.accessKeyId;
      }
      const keep = current;
      if (!keep) throw new RotationFailed(`${user.userName} has no access key.`, "Request access again.");
      await aws(`Retiring the old access key of ${user.userName}`, (keys) =>
        keys.retireKeysExcept(ctx, user.accountId, user.userName, keep),
      );
      await repository.finishRotation(user.id, at, (tx) =>
        recordAudit(tx, {
          ...audit,
          action: "managed_iam_user.key_rotated",
          targetType: "managed_iam_user",
          targetId: user.id,
          before: { access_key_id: retiring },
          after: {
            access_key_id: keep,
            trigger,
            account_id: user.accountId,
            user_name: user.userName,
            integration_id: user.integrationId,
          },
        }),
      );
      return keep;
    } catch (caught) {
      let error = caught;
      if (error instanceof KeyToKeepMissing && retiring) {
        // The stored new key is gone: the old one is the user's key again, and the next attempt starts over.
        const old = error.keys.find((key) => key.accessKeyId === retiring);
        await repository.abandonNewKey(user.id, retiring, old?.createdAt ?? null);
        error = new RotationFailed(error.message, "The rotation starts over at the next pass.");
      }
      const failure =
        error instanceof RotationFailed
          ? error
          : new RotationFailed(
              `Rotating the key of ${user.userName} failed: ${String(error)}`,
              "It is retried.",
            );
      await repository.recordFailure(user.id, failure, at);
      // Nothing stored yet: the old key is still the user's, as it was before.
      const stored = (await repository.managedUser(user.id))?.accessKeyId !== user.accessKeyId;
      if (!stored && !resuming) await repository.moveStatus(user.id, ["RESETTING"], user.credentialsStatus);
      await recordAudit(deps.db, {
        ...audit,
        action: "managed_iam_user.key_rotation_failed",
        targetType: "managed_iam_user",
        targetId: user.id,
        after: { trigger, reason: failure.reason, fix: failure.fix, new_key_stored: stored || resuming },
      });
      throw failure;
    }
  }

  /**
   * Takes the user for a rotation: AVAILABLE or VIEWED → RESETTING, or a RESETTING left behind by
   * a process that died (its last attempt older than the lease). False: someone else is on it.
   */
  async function claim(user: ManagedUserWithRotation): Promise<boolean> {
    if (user.credentialsStatus === "RESETTING") {
      const last = user.rotation?.lastAttemptAt?.getTime() ?? 0;
      if (now().getTime() - last < ROTATION_LEASE_MS) return false;
      return repository.takeOverAttempt(user.id, user.rotation?.lastAttemptAt ?? null, now());
    }
    if (!user.accessKeyId) return false;
    if (!(await repository.moveStatus(user.id, ["AVAILABLE", "VIEWED"], "RESETTING"))) return false;
    await repository.markAttempt(user.id, now());
    return true;
  }

  async function cleanup(user: ManagedUserWithRotation, days: number) {
    const { ctx } = await contextOf(user.integrationId);
    const outcome = await aws(
      `Deleting the managed IAM user ${user.userName}`,
      (keys) => keys.deleteManagedUser(ctx, user.accountId, user.userName),
      true,
    );
    await repository.deleteManagedUser(user.id, (tx) =>
      recordAudit(tx, {
        ...SYSTEM,
        action: "managed_iam_user.deleted",
        targetType: "managed_iam_user",
        targetId: user.id,
        before: { access_key_id: user.accessKeyId, user_name: user.userName, account_id: user.accountId },
        after: { reason: `No grant for ${days} days (credentials cleanup period).`, in_aws: outcome },
      }),
    );
  }

  const keyOf = (user: ManagedUserWithRotation): ManagedUserKey => ({
    integrationId: user.integrationId,
    accountId: user.accountId,
    personId: user.personId,
  });

  return {
    /**
     * The periodic pass (job `credentials.rotate`): cleanup of users with no grant for the cleanup
     * period, rotation of due keys whose user has no live grant, and rotations left half done.
     */
    async runDue(): Promise<RotationReport> {
      const report: RotationReport = { rotated: [], deferred: [], deleted: [], failed: [] };
      for (const integration of await repository.integrationsWithManagedUsers()) {
        const periods = periodsOf(integration);
        for (const row of await repository.managedUsers(integration.id)) {
          const user = row as ManagedUserWithRotation;
          try {
            const live = await repository.liveGrants(keyOf(user));
            if (live === 0) {
              const last = (await repository.lastGrantActivity(keyOf(user))) ?? user.createdAt;
              if (now().getTime() - last.getTime() >= periods.cleanupDays * DAY_MS) {
                await cleanup(user, periods.cleanupDays);
                report.deleted.push(user.id);
                continue;
              }
            }
            const unfinished = user.credentialsStatus === "RESETTING";
            if (!unfinished && !isDue(user.keyCreatedAt, periods.rotationDays, now())) continue;
            if (live > 0) {
              if (!unfinished) report.deferred.push(user.id);
              continue;
            }
            if (!(await claim(user))) continue;
            await rotate(user, unfinished ? "reset" : "period", SYSTEM);
            report.rotated.push(user.id);
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            report.failed.push({ id: user.id, reason });
            deps.logger?.warn({ managedIamUserId: user.id, reason }, "credential rotation failed");
          }
        }
      }
      return report;
    },

    /**
     * For the grant job, before it grants an IAM target (wire at merge): when the person's key is
     * due and no other grant of theirs is live, it is rotated now, so asking again gives the new key.
     */
    async rotateBeforeGrant(key: ManagedUserKey, entitlementId: string): Promise<"rotated" | "not-due"> {
      const found = await repository.managedUserByKey(key);
      const user = found && (await repository.managedUser(found.id));
      if (!user) return "not-due";
      const integration = await repository.integration(user.integrationId);
      if (!integration || !isDue(user.keyCreatedAt, periodsOf(integration).rotationDays, now()))
        return "not-due";
      if ((await repository.liveGrants(key, entitlementId)) > 0) return "not-due";
      if (!(await claim(user))) return "not-due";
      await rotate(user, "request-again", SYSTEM);
      return "rotated";
    },

    /**
     * POST /api/user/v1/access-sessions/{id}/reset-credentials: the caller's own live session of
     * an IAM target; its managed user's key is rotated now (AVAILABLE/VIEWED → RESETTING →
     * AVAILABLE) and the new secret is shown once by the session's access details.
     */
    async resetCredentials(
      userId: string,
      sessionId: string,
      audit: AuditContext,
    ): Promise<{ message: string }> {
      const session = isUuid(sessionId) ? await repository.session(sessionId) : null;
      if (session?.status !== "GRANTED" || session.request.requesterUserId !== userId) {
        throw new AppError("NOT_FOUND", `No access session with id "${sessionId.slice(0, 60)}".`);
      }
      const target = session.target as { kind?: string; accountId?: string } | null;
      const personId = session.request.granteePersonId;
      if (!target?.kind || !IAM_KINDS.has(target.kind) || !target.accountId || !personId) {
        throw new AppError(
          "CREDENTIALS_NOT_RESETTABLE",
          "This access has no credentials of its own to reset: Identity Center access is used through the sign-in link.",
        );
      }
      const found = await repository.managedUserByKey({
        integrationId: session.integrationId,
        accountId: target.accountId,
        personId,
      });
      const user = found && (await repository.managedUser(found.id));
      if (!user?.accessKeyId) {
        throw new AppError(
          "CREDENTIALS_NOT_RESETTABLE",
          "No access key has been created for this access yet.",
        );
      }
      if (!(await claim(user))) {
        throw new AppError(
          "CREDENTIALS_RESET_IN_PROGRESS",
          "Your credentials are being reset: open the access details in a moment.",
        );
      }
      try {
        await rotate(user, "reset", audit);
      } catch (error) {
        if (!(error instanceof RotationFailed)) throw error;
        throw new AppError("CREDENTIALS_RESET_FAILED", `${error.reason} ${error.fix}`);
      }
      return {
        message: "Your credentials were reset: open the access details to copy the new key (shown once).",
      };
    },

    /** GET /api/v3/integrations/{id}/credentials: key ages, last and next rotation. */
    async credentialsOf(integrationId: string): Promise<TManagedCredentialsV1> {
      const integration = isUuid(integrationId) ? await repository.integration(integrationId) : null;
      if (!integration)
        throw new AppError("NOT_FOUND", `No integration with id "${integrationId.slice(0, 60)}".`);
      const periods = periodsOf(integration);
      const at = now();
      const items = [];
      for (const row of await repository.managedUsers(integration.id)) {
        const user = row as ManagedUserWithRotation;
        const live = await repository.liveGrants(keyOf(user));
        const next = nextRotationAt(user.keyCreatedAt, periods.rotationDays);
        items.push({
          id: user.id,
          account_id: user.accountId,
          user_name: user.userName,
          person_id: user.personId,
          access_key_id: user.accessKeyId,
          key_created_at: user.keyCreatedAt?.toISOString() ?? null,
          key_age_in_days: user.keyCreatedAt
            ? Math.floor((at.getTime() - user.keyCreatedAt.getTime()) / DAY_MS)
            : null,
          credentials_status: user.credentialsStatus,
          last_rotated_at: user.rotation?.lastRotatedAt?.toISOString() ?? null,
          next_rotation_at: next?.toISOString() ?? null,
          rotation_deferred: next !== null && next <= at && live > 0,
          live_grants: live,
          last_failure: user.rotation?.lastFailure ?? null,
          last_failure_fix: user.rotation?.lastFailureFix ?? null,
        });
      }
      return {
        rotation_period_in_days: periods.rotationDays,
        cleanup_period_in_days: periods.cleanupDays,
        items,
      };
    },
  };
}

export type CredentialRotationService = ReturnType<typeof credentialRotationService>;
