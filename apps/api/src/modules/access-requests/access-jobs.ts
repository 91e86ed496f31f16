import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS, transactionSql } from "../../db/transaction-sql.ts";
import type { AccessStatus, Prisma } from "../../generated/prisma/client.ts";
import {
  type AccessGranter,
  buildGrantContext,
  type GrantContext,
  GrantContextError,
  type GrantSubject,
  type GrantTarget,
  type ManagedIamUser,
  policyNameFor,
} from "../../granting/index.ts";
import type { JobDelivery, Queue } from "../../jobs/queue.ts";
import type { JobPayload } from "../../jobs/registry.ts";
import type { Logger } from "../../lib/logger.ts";
import type { SecretBox } from "../../lib/secret-box.ts";
import { recordAudit } from "../audit/audit.service.ts";
import {
  accessRequestRepository,
  type EntitlementRow,
  type FullRequest,
} from "./access-request.repository.ts";

// The grant and revoke jobs of access requests. Every step is a compare-and-set on a status, so a
// retry after a crash (or a second delivery) re-runs only what is not done; the granter's calls
// are idempotent themselves.

/**
 * What the AWS granter offers the reconciler besides AccessGranter: the managed IAM users of an
 * account with what they hold, and removing what no grant holds. A granter without it (a test's
 * fake) skips that pass.
 */
export type ManagedAccessInventory = {
  managedIamUsers(ctx: GrantContext, accountId: string): Promise<ManagedIamUser[]>;
  removeManagedAccess(
    ctx: GrantContext,
    accountId: string,
    userName: string,
    access: { policyNames: string[]; groupNames: string[] },
  ): Promise<void>;
};

export type AccessJobDeps = {
  db: Db;
  queue: Queue;
  logger: Logger;
  /** The AWS side (granting layer); injected, so tests record calls with a fake. */
  granter: AccessGranter & Partial<ManagedAccessInventory>;
  /** Seals a new access key's secret until its owner has seen it once. */
  secrets: SecretBox;
  /**
   * Called before a managed IAM user's grant (credential rotation's rotateBeforeGrant): a person
   * who asks again while their key is due for rotation gets the new key.
   */
  beforeManagedUserGrant?: (
    key: { integrationId: string; accountId: string; personId: string },
    entitlementId: string,
  ) => Promise<unknown>;
};

const SYSTEM = { actor: null } as const;

class RetryLater extends Error {}

type Integration = Awaited<ReturnType<ReturnType<typeof accessRequestRepository>["integrations"]>>[number];

/**
 * How the integration's AWS is reached: granting's buildGrantContext on the row's plain values,
 * its GrantContextError (a missing setting) turned into the reason and fix the grant fails with.
 */
export function grantContextOf(integration: Integration): GrantContext | { error: string; fix: string } {
  try {
    return buildGrantContext({
      integrationId: integration.id,
      type: integration.type,
      integrationConfig: integration.integrationConfig,
      connector: integration.connector && {
        id: integration.connector.id,
        roleArn: integration.connector.roleArn,
        externalId: integration.connector.externalId,
        region: integration.connector.region,
      },
    });
  } catch (error) {
    if (error instanceof GrantContextError) return { error: error.message, fix: error.fix };
    throw error;
  }
}

/**
 * Due revokes are taken in expires_at order (pg-boss takes the highest priority first, then the
 * oldest job, which for a delayed revoke is when it was granted, not when it expires): the earlier
 * the expiry, the higher. Revokes asked for by a person (priority 0) go before expiries. The
 * priority column is a 32-bit integer: seconds since the epoch fit until 2038, and are clamped.
 */
export function expiryPriority(expiresAt: Date | null): number {
  if (!expiresAt) return 0;
  return -Math.min(2 ** 31 - 1, Math.max(1, Math.floor(expiresAt.getTime() / 1000)));
}

const IAM_KINDS = new Set(["iam-role", "iam-group", "s3-bucket", "ec2-instance", "rds-instance"]);

export function accessJobs(deps: AccessJobDeps) {
  const repository = accessRequestRepository(deps.db);
  const requestId = (job: JobDelivery) => `job:${job.id}`;

  async function audit(
    client: Db | Prisma.TransactionClient,
    job: JobDelivery,
    action: string,
    targetType: string,
    targetId: string,
    after: unknown,
  ) {
    await recordAudit(client, { ...SYSTEM, requestId: requestId(job), action, targetType, targetId, after });
  }

  async function subjectOf(request: FullRequest, entitlement: EntitlementRow): Promise<GrantSubject | null> {
    if (!request.granteePersonId) return null;
    const person = await repository.person(request.granteePersonId);
    if (!person) return null;
    const subject: GrantSubject = {
      personId: person.id,
      email: person.email ?? request.granteeEmail,
      userName: person.userName,
    };
    const target = entitlement.target as GrantTarget | null;
    if (target && IAM_KINDS.has(target.kind) && "accountId" in target) {
      const managed = await repository.managedUser(entitlement.integrationId, target.accountId, person.id);
      if (managed)
        subject.managedUser = {
          userName: managed.userName,
          accessKeyIds: managed.accessKeyId ? [managed.accessKeyId] : [],
        };
    }
    return subject;
  }

  async function contextsOf(request: FullRequest) {
    const integrations = await repository.integrations([
      ...new Set(request.entitlements.map((e) => e.integrationId)),
    ]);
    return new Map(integrations.map((integration) => [integration.id, grantContextOf(integration)]));
  }

  async function failEntitlement(
    entitlement: EntitlementRow,
    from: AccessStatus[],
    reason: string,
    fix: string,
    job: JobDelivery,
  ) {
    await deps.db.$transaction(async (tx) => {
      if (
        await repository.moveEntitlement(tx, entitlement.id, from, {
          status: "FAILED",
          failureReason: reason,
          failureFix: fix,
        })
      )
        await audit(tx, job, "access_grant.failed", "access_request_entitlement", entitlement.id, {
          request_id: entitlement.requestId,
          target_key: entitlement.targetKey,
          reason,
          fix,
        });
    }, TRANSACTION_OPTIONS);
  }

  /**
   * Takes one entitlement's access back, unless another live grant of the same person holds the
   * same target (reference counting under an advisory lock on the pair).
   */
  async function revokeEntitlement(
    request: FullRequest,
    entitlement: EntitlementRow,
    final: AccessStatus,
    job: JobDelivery,
  ): Promise<void> {
    const key = `${request.granteePersonId}|${entitlement.targetKey}`;
    const { held, firstAttempt } = await deps.db.$transaction(async (tx) => {
      await repository.lockTarget(tx, key);
      // Moved from GRANTED by this call: no earlier revoke attempt (and no grant) is under way.
      const firstAttempt = await repository.moveEntitlement(tx, entitlement.id, ["GRANTED"], {
        status: "REVOKING",
      });
      if (!firstAttempt)
        await repository.moveEntitlement(tx, entitlement.id, ["GRANTING", "PENDING", "APPROVED"], {
          status: "REVOKING",
        });
      const held =
        request.granteePersonId && entitlement.targetKey
          ? await repository.otherLiveHolders(
              tx,
              entitlement.id,
              entitlement.targetKey,
              request.granteePersonId,
            )
          : 0;
      return { held, firstAttempt };
    }, TRANSACTION_OPTIONS);
    if (held > 0) {
      await deps.db.$transaction(async (tx) => {
        if (
          await repository.moveEntitlement(tx, entitlement.id, ["REVOKING"], {
            status: final,
            revokedAt: new Date(),
          })
        )
          await audit(tx, job, "access_grant.kept", "access_request_entitlement", entitlement.id, {
            request_id: request.id,
            target_key: entitlement.targetKey,
            reason: `${held} other live grant(s) hold the same access, so it stays in AWS.`,
          });
      }, TRANSACTION_OPTIONS);
      return;
    }
    const contexts = await contextsOf(request);
    const context = contexts.get(entitlement.integrationId);
    const subject = await subjectOf(request, entitlement);
    const target = entitlement.target as GrantTarget | null;
    if (context && !("error" in context) && subject && target) {
      const outcome = await deps.granter.revoke(context, subject, target, { firstAttempt });
      if (outcome.status === "failed") {
        if (outcome.retryable && !job.lastAttempt) throw new RetryLater(outcome.reason);
        await failEntitlement(entitlement, ["REVOKING"], outcome.reason, outcome.fix, job);
        return;
      }
    }
    await deps.db.$transaction(async (tx) => {
      if (
        await repository.moveEntitlement(tx, entitlement.id, ["REVOKING"], {
          status: final,
          revokedAt: new Date(),
        })
      )
        await audit(tx, job, "access_grant.revoked", "access_request_entitlement", entitlement.id, {
          request_id: request.id,
          target_key: entitlement.targetKey,
          target,
          ending: final,
        });
    }, TRANSACTION_OPTIONS);
  }

  async function recordGrant(
    request: FullRequest,
    entitlement: EntitlementRow,
    detail: Extract<Awaited<ReturnType<AccessGranter["grant"]>>, { status: "granted" }>["detail"],
    job: JobDelivery,
  ): Promise<boolean> {
    const target = entitlement.target as GrantTarget;
    const { accessKey, ...kept } = detail;
    const sealed = accessKey ? await deps.secrets.seal(accessKey.secretAccessKey) : undefined;
    return deps.db.$transaction(async (tx) => {
      const moved = await repository.moveEntitlement(tx, entitlement.id, ["GRANTING"], {
        status: "GRANTED",
        grantedAt: new Date(),
        awsDetail: kept as Prisma.InputJsonValue,
        failureReason: null,
        failureFix: null,
      });
      if (detail.managedUserName && "accountId" in target && request.granteePersonId) {
        await repository.upsertManagedUser(
          tx,
          {
            integrationId: entitlement.integrationId,
            accountId: target.accountId,
            personId: request.granteePersonId,
          },
          {
            userName: detail.managedUserName,
            arn: detail.managedUserArn ?? null,
            ...(accessKey && sealed
              ? {
                  accessKeyId: accessKey.accessKeyId,
                  secretEncrypted: sealed,
                  keyCreatedAt: new Date(),
                  credentialsStatus: "AVAILABLE" as const,
                }
              : {}),
          },
        );
      }
      await audit(tx, job, "access_grant.granted", "access_request_entitlement", entitlement.id, {
        request_id: request.id,
        target_key: entitlement.targetKey,
        target,
        detail: kept,
        access_key_id: accessKey?.accessKeyId ?? null,
      });
      return moved;
    }, TRANSACTION_OPTIONS);
  }

  async function grant(payload: JobPayload<"access.grant">, job: JobDelivery): Promise<void> {
    let request = await repository.find(payload.requestId);
    if (!request) return;
    if (request.status === "APPROVED") {
      await repository.moveRequest(deps.db, request.id, ["APPROVED"], { status: "GRANTING" });
      request = (await repository.find(request.id))!;
    }
    if (request.status !== "GRANTING") return;
    const contexts = await contextsOf(request);
    for (const entitlement of request.entitlements) {
      if (!["PENDING", "GRANTING"].includes(entitlement.status)) continue;
      const current = await repository.find(request.id);
      if (current?.status !== "GRANTING") return; // revoked meanwhile: the revoke job takes over
      const context = contexts.get(entitlement.integrationId);
      const target = entitlement.target as GrantTarget | null;
      if (target && "accountId" in target && IAM_KINDS.has(target.kind) && request.granteePersonId) {
        const key = {
          integrationId: entitlement.integrationId,
          accountId: target.accountId,
          personId: request.granteePersonId,
        };
        // A key being reset is replaced meanwhile: granting now would take the new key for a
        // stray one (and delete it) or hand out the key about to be retired. Wait for the reset.
        const managed = await repository.managedUser(key.integrationId, key.accountId, key.personId);
        if (managed?.credentialsStatus === "RESETTING")
          throw new RetryLater("The person's access key is being reset; the grant waits for it.");
        await deps.beforeManagedUserGrant?.(key, entitlement.id);
      }
      const subject = await subjectOf(request, entitlement);
      if (!context || "error" in context) {
        await failEntitlement(
          entitlement,
          ["PENDING", "GRANTING"],
          context?.error ?? "The integration is gone.",
          context?.fix ?? "Request access again.",
          job,
        );
        continue;
      }
      if (!subject || !target) {
        await failEntitlement(
          entitlement,
          ["PENDING", "GRANTING"],
          "The person to grant to is no longer active in the directory.",
          "Reactivate the person in their identity source, then request again.",
          job,
        );
        continue;
      }
      // A first attempt: this call moved it from PENDING (no earlier attempt reached AWS) and no
      // other grant of the person holds or held the same access, so AWS is not looked at first.
      const firstAttempt = await deps.db.$transaction(async (tx) => {
        await repository.lockTarget(tx, `${request.granteePersonId}|${entitlement.targetKey}`);
        const moved = await repository.moveEntitlement(tx, entitlement.id, ["PENDING"], {
          status: "GRANTING",
        });
        return (
          moved &&
          !!entitlement.targetKey &&
          !(await repository.mayAlreadyBeInAws(tx, entitlement.id, entitlement.targetKey, subject.personId))
        );
      }, TRANSACTION_OPTIONS);
      const outcome = await deps.granter.grant(context, subject, target, { firstAttempt });
      if (outcome.status === "failed") {
        if (outcome.retryable && !job.lastAttempt) throw new RetryLater(outcome.reason);
        await failEntitlement(entitlement, ["GRANTING"], outcome.reason, outcome.fix, job);
        continue;
      }
      const stillOurs = await recordGrant(
        request,
        { ...entitlement, status: "GRANTING" },
        outcome.detail,
        job,
      );
      if (!stillOurs) {
        // Revoked while AWS was granting: take back what was just made.
        await revokeEntitlement(request, { ...entitlement, status: "GRANTED" }, "REVOKED", job);
      }
    }
    await finishGrant(request.id, job);
  }

  async function finishGrant(id: string, job: JobDelivery): Promise<void> {
    const request = await repository.find(id);
    if (request?.status !== "GRANTING") return;
    const failed = request.entitlements.filter((e) => e.status === "FAILED");
    const granted = request.entitlements.filter((e) => e.status === "GRANTED");
    let wake = false;
    await deps.db.$transaction(async (tx) => {
      if (failed.length === 0 && granted.length === request.entitlements.length) {
        const now = new Date();
        const expiresAt = new Date(now.getTime() + request.durationSec * 1000);
        if (
          !(await repository.moveRequest(tx, id, ["GRANTING"], {
            status: "GRANTED",
            grantedAt: now,
            expiresAt,
          }))
        )
          return;
        await audit(tx, job, "access_request.granted", "access_request", id, {
          expires_at: expiresAt.toISOString(),
        });
        await deps.queue.send(
          "access.revoke",
          { requestId: id, ending: "EXPIRED" },
          {
            db: transactionSql(tx),
            startAfter: expiresAt,
            singletonKey: `expire:${id}`,
            priority: expiryPriority(expiresAt),
          },
        );
        return;
      }
      const first = failed[0];
      if (!first) return;
      const reason = `${first.permissionName} on ${first.resourceName}: ${first.failureReason ?? "the grant failed"}`;
      if (
        !(await repository.moveRequest(tx, id, ["GRANTING"], {
          status: "FAILED",
          failureReason: reason,
          failureFix: first.failureFix,
        }))
      )
        return;
      await audit(tx, job, "access_request.failed", "access_request", id, { reason, fix: first.failureFix });
      if (granted.length > 0) {
        // A grant is never wider than approved as a whole: take back the part that succeeded.
        await deps.queue.send(
          "access.revoke",
          { requestId: id, ending: "FAILED" },
          { db: transactionSql(tx) },
        );
        wake = true;
      }
    }, TRANSACTION_OPTIONS);
    if (wake) deps.queue.wake("access.revoke");
  }

  async function revoke(payload: JobPayload<"access.revoke">, job: JobDelivery): Promise<void> {
    const request = await repository.find(payload.requestId);
    if (!request) return;
    const final: AccessStatus = payload.ending;
    if (payload.ending === "EXPIRED") {
      if (request.status === "GRANTED") {
        // A delivery ahead of time (a clock skew, a re-queued job) waits for expires_at.
        if (request.expiresAt && request.expiresAt.getTime() > Date.now() + 1000) return;
        if (!(await repository.moveRequest(deps.db, request.id, ["GRANTED"], { status: "REVOKING" }))) return;
      } else if (request.status !== "REVOKING") return;
    } else if (payload.ending === "REVOKED" && request.status !== "REVOKING") return;
    else if (payload.ending === "FAILED" && request.status !== "FAILED") return;

    for (const entitlement of request.entitlements) {
      const live =
        payload.ending === "FAILED"
          ? ["GRANTED", "REVOKING"]
          : ["GRANTED", "GRANTING", "REVOKING", "PENDING", "APPROVED"];
      if (!live.includes(entitlement.status)) continue;
      await revokeEntitlement(request, entitlement, payload.ending === "FAILED" ? "REVOKED" : final, job);
    }
    if (payload.ending === "FAILED") return;
    await deps.db.$transaction(async (tx) => {
      if (
        await repository.moveRequest(tx, request.id, ["REVOKING"], { status: final, revokedAt: new Date() })
      )
        await audit(
          tx,
          job,
          payload.ending === "EXPIRED" ? "access_request.expired" : "access_request.revoked",
          "access_request",
          request.id,
          {},
        );
    }, TRANSACTION_OPTIONS);
  }

  /**
   * The sweeper (every maintenance tick): granted requests past expires_at whose delayed job was
   * lost, and revocations stuck for 5 minutes, are queued again. Expiry survives restarts.
   */
  async function sweep(now = new Date()): Promise<{ expired: string[]; stuck: string[] }> {
    const past = await repository.expiredGranted(now, 500);
    // A revoke already due or running (its delayed job, or an earlier sweep's) is not queued
    // twice: a duplicate would take a worker and a ListAccountAssignments for nothing.
    const due = await deps.queue.dueSingletonKeys(
      "access.revoke",
      past.flatMap(({ id }) => [`expire:${id}`, `sweep-expire:${id}`]),
    );
    const expired = past.filter(({ id }) => !due.has(`expire:${id}`) && !due.has(`sweep-expire:${id}`));
    for (const { id, expiresAt } of expired)
      await deps.queue.send(
        "access.revoke",
        { requestId: id, ending: "EXPIRED" },
        {
          singletonKey: `sweep-expire:${id}`,
          singletonSeconds: 60,
          priority: expiryPriority(expiresAt),
        },
      );
    const stuck = await repository.stuckRevoking(new Date(now.getTime() - 5 * 60_000), 500);
    for (const { id } of stuck) {
      const request = await repository.find(id);
      const ending = request?.expiresAt && request.expiresAt <= now ? "EXPIRED" : "REVOKED";
      await deps.queue.send(
        "access.revoke",
        { requestId: id, ending },
        { singletonKey: `sweep-revoke:${id}`, singletonSeconds: 60 },
      );
    }
    if (expired.length + stuck.length > 0) deps.queue.wake("access.revoke");
    return { expired: expired.map((r) => r.id), stuck: stuck.map((r) => r.id) };
  }

  /**
   * The reconciler: compares the least recently checked GRANTED grants with AWS. Access found
   * missing is granted again; if that fails the grant is FAILED with the reason. Both are audited.
   * Then access Portcullis created that no grant holds is removed (removeUnheld).
   */
  async function reconcile(
    job: JobDelivery,
    batch = 100,
  ): Promise<{ checked: number; restored: string[]; failed: string[]; removed: string[] }> {
    const restored: string[] = [];
    const failed: string[] = [];
    const rows = await repository.grantedToReconcile(batch);
    for (const { id, requestId } of rows) {
      const request = await repository.find(requestId);
      const entitlement = request?.entitlements.find((e) => e.id === id);
      if (request?.status !== "GRANTED" || !entitlement || entitlement.status !== "GRANTED") continue;
      const context = (await contextsOf(request)).get(entitlement.integrationId);
      const subject = await subjectOf(request, entitlement);
      const target = entitlement.target as GrantTarget | null;
      if (!context || "error" in context || !subject || !target) continue;
      let present: boolean;
      try {
        present = await deps.granter.isPresent(context, subject, target);
      } catch (error) {
        deps.logger.warn(
          { err: error, entitlementId: id },
          "reconcile: AWS could not tell; checked again later",
        );
        await repository.markReconciled(id);
        continue;
      }
      if (!present) {
        const outcome = await deps.granter.grant(context, subject, target);
        if (outcome.status === "granted") {
          restored.push(id);
          await audit(deps.db, job, "access_grant.restored", "access_request_entitlement", id, {
            request_id: request.id,
            target_key: entitlement.targetKey,
            reason: "The access was missing in AWS; it was granted again.",
          });
        } else {
          failed.push(id);
          await failEntitlement(
            entitlement,
            ["GRANTED"],
            `Missing in AWS and not restored: ${outcome.reason}`,
            outcome.fix,
            job,
          );
        }
      }
      await repository.markReconciled(id);
    }
    const removed = [...(await removeUnheld(job)), ...(await removeEndedAssignments(job))];
    return { checked: rows.length, restored, failed, removed };
  }

  /**
   * Identity Center assignments Portcullis created whose every grant has ended (a revoke that was
   * lost, or the assignment made again after it) are deleted and audited. Portcullis knows what it
   * created from its entitlement rows: an assignment no row of Portcullis ever GRANTED (an admin's,
   * another principal's) is never looked at. Each ended row is compared with AWS once after it
   * ended. The delete runs under the (person, target) lock with the holds read again, so a grant
   * of the same access starting meanwhile waits for it and then assigns again.
   * Returns the target keys removed ("<person id>|sso:<account>:<permission set>").
   */
  async function removeEndedAssignments(job: JobDelivery, batch = 100): Promise<string[]> {
    const removed: string[] = [];
    const rows = await repository.endedAssignmentsToCheck(batch);
    const groups = new Map<string, typeof rows>();
    for (const row of rows) {
      const key = `${row.granteePersonId}|${row.targetKey}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const [key, group] of groups) {
      const latest = group[group.length - 1]!;
      const request = await repository.find(latest.requestId);
      const entitlement = request?.entitlements.find((e) => e.id === latest.id);
      if (!request || !entitlement) continue;
      const context = (await contextsOf(request)).get(entitlement.integrationId);
      const subject = await subjectOf(request, entitlement);
      const target = entitlement.target as GrantTarget | null;
      if (!context || "error" in context || !subject || !target) {
        // No way to reach AWS (the integration gone or unusable) or to name the person there (gone
        // from the directory): nothing to compare, so the rows do not wait at the head of each pass.
        deps.logger.warn({ key }, "reconcile: an ended assignment cannot be compared with AWS; skipped");
        await repository.markEndedChecked(group.map((row) => row.id));
        continue;
      }
      let present: boolean;
      try {
        present = await deps.granter.isPresent(context, subject, target);
      } catch (error) {
        deps.logger.warn({ err: error, key }, "reconcile: AWS could not tell; checked again later");
        continue;
      }
      if (present) {
        let outcome: Awaited<ReturnType<AccessGranter["revoke"]>> | "held";
        try {
          outcome = await deps.db.$transaction(
            async (tx) => {
              await repository.lockTarget(tx, key);
              if ((await repository.liveHolds(tx, latest.targetKey, latest.granteePersonId)) > 0)
                return "held" as const;
              const revoked = await deps.granter.revoke(context, subject, target);
              if (revoked.status === "revoked")
                await audit(tx, job, "access_grant.unheld_removed", "access_request_entitlement", latest.id, {
                  request_id: request.id,
                  person_id: latest.granteePersonId,
                  target_key: latest.targetKey,
                  target,
                  ended_entitlements: group.map((row) => row.id),
                  reason:
                    "An Identity Center assignment Portcullis created, and every grant of it has ended; removed.",
                });
              return revoked;
            },
            // The delete waits for Identity Center's operation while the lock is held.
            { maxWait: 10_000, timeout: 120_000 },
          );
        } catch (error) {
          deps.logger.warn({ err: error, key }, "reconcile: ended assignment not removed; tried again later");
          continue;
        }
        if (outcome === "held") continue; // a new grant holds it now: its own row speaks for it
        if (outcome.status === "failed") {
          deps.logger.warn({ key, reason: outcome.reason }, "reconcile: ended assignment not removed");
          continue;
        }
        removed.push(key);
      }
      await repository.markEndedChecked(group.map((row) => row.id));
    }
    return removed;
  }

  /**
   * The managed IAM users' inline `portcullis-…` policies and group memberships that no live grant
   * holds (a grant whose revoke was lost, a policy added by hand to a Portcullis user) are removed
   * and audited. AWS is listed BEFORE the holds are read: a grant puts its policy only after its
   * entitlement is GRANTING, so access that appears meanwhile is always found held.
   * Returns the ARNs of the users that lost access.
   */
  async function removeUnheld(job: JobDelivery): Promise<string[]> {
    const { managedIamUsers, removeManagedAccess } = deps.granter;
    if (!managedIamUsers || !removeManagedAccess) return [];
    const removed: string[] = [];
    for (const { integrationId, accountId } of await repository.managedAccounts()) {
      const [integration] = await repository.integrations([integrationId]);
      const context = integration && grantContextOf(integration);
      if (!context || "error" in context) continue;
      let users: ManagedIamUser[];
      try {
        users = await managedIamUsers.call(deps.granter, context, accountId);
      } catch (error) {
        deps.logger.warn(
          { err: error, accountId },
          "reconcile: managed IAM users not listed; checked again later",
        );
        continue;
      }
      const held = new Map<string, Set<string>>();
      for (const hold of await repository.liveIamHolds(accountId)) {
        const target = hold.target as GrantTarget | null;
        const personId = hold.request.granteePersonId;
        if (!target || !personId || !("accountId" in target)) continue;
        const names = held.get(personId) ?? new Set<string>();
        names.add(target.kind === "iam-group" ? `group:${target.groupName}` : policyNameFor(target));
        held.set(personId, names);
      }
      for (const user of users) {
        if (!user.personId) continue; // not tagged by Portcullis: not ours to judge
        const names = held.get(user.personId) ?? new Set<string>();
        const policyNames = user.policyNames.filter((name) => !names.has(name));
        const groupNames = user.groupNames.filter((name) => !names.has(`group:${name}`));
        if (policyNames.length + groupNames.length === 0) continue;
        try {
          await removeManagedAccess.call(deps.granter, context, accountId, user.userName, {
            policyNames,
            groupNames,
          });
        } catch (error) {
          deps.logger.warn(
            { err: error, user: user.userArn },
            "reconcile: unheld access not removed; tried again later",
          );
          continue;
        }
        removed.push(user.userArn);
        await audit(deps.db, job, "access_grant.unheld_removed", "managed_iam_user", user.userArn, {
          account_id: accountId,
          user_name: user.userName,
          person_id: user.personId,
          policy_names: policyNames,
          group_names: groupNames,
          reason: "Access Portcullis created that no live grant holds; removed.",
        });
      }
    }
    return removed;
  }

  return { grant, revoke, sweep, reconcile };
}
