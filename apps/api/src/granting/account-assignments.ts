import type { AccountAssignmentOperationStatus, SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { awsErrorCode } from "../discovery/aws/aws-errors.ts";
import { Semaphore, sleep } from "../discovery/aws/rate-limiter.ts";
import { sdk } from "../discovery/aws/sdk.ts";
import { refused } from "./grant-failure.ts";
import { KeyedMutex } from "./keyed-mutex.ts";
import type { GrantTarget } from "./types.ts";

export type AssignmentTarget = Extract<GrantTarget, { kind: "sso-account-assignment" }>;

/**
 * How assignment operations are paced. Identity Center allows 10 operations in progress per
 * instance and refuses a second operation on an (account, permission set) while one runs; the
 * 20 requests/s quota is the `sso` rate limiter's (AwsClients), which every call here goes through.
 */
export type IdentityCenterTiming = {
  /**
   * How long an operation usually takes: its first Describe…Status poll waits this long, since
   * an earlier one only finds it IN_PROGRESS and spends a request of the 20/s quota.
   */
  firstPollMs: number;
  /** Between two later Describe…Status polls of one operation. */
  pollIntervalMs: number;
  /** Polls before an operation still IN_PROGRESS is given up on (a retryable failure). */
  maxPolls: number;
  /** Operations this process keeps in progress per Identity Center instance. */
  maxOutstanding: number;
  /** ConflictException retries (another operation on the same pair, from another process). */
  conflictRetries: number;
  /** First wait after a conflict; doubled each time, up to 16 times, with jitter. */
  conflictBackoffMs: number;
};

export const DEFAULT_IDENTITY_CENTER_TIMING: IdentityCenterTiming = {
  firstPollMs: 2000,
  pollIntervalMs: 1000,
  maxPolls: 900,
  maxOutstanding: 10,
  conflictRetries: 10,
  conflictBackoffMs: 500,
};

export type Wait = (ms: number) => Promise<void>;
type Desired = "present" | "absent";
/**
 * `lookFirst: false`: the caller knows AWS is not yet as desired (a first attempt, nothing else
 * holds it), so ListAccountAssignments is skipped; a conflict or a FAILED operation still looks.
 */
export type EnsureOptions = { lookFirst?: boolean };
type OperationStatus = Pick<AccountAssignmentOperationStatus, "Status" | "RequestId" | "FailureReason">;

const pairKey = (t: AssignmentTarget) => `${t.instanceArn}|${t.accountId}|${t.permissionSetArn}`;

/**
 * Identity Center account assignments for users: made and removed idempotently, one operation per
 * (account, permission set) at a time, at most `maxOutstanding` in progress per instance.
 */
export class AccountAssignments {
  private readonly slots = new Map<string, Semaphore>();
  private readonly pairs = new KeyedMutex();

  constructor(
    private readonly timing: IdentityCenterTiming = DEFAULT_IDENTITY_CENTER_TIMING,
    private readonly wait: Wait = sleep,
  ) {}

  private slotsOf(instanceArn: string): Semaphore {
    let slots = this.slots.get(instanceArn);
    if (!slots) {
      slots = new Semaphore(this.timing.maxOutstanding);
      this.slots.set(instanceArn, slots);
    }
    return slots;
  }

  /** ListAccountAssignments, paged: is the user assigned the permission set in the account? */
  async isAssigned(client: SSOAdminClient, target: AssignmentTarget, userId: string): Promise<boolean> {
    const { paginateListAccountAssignments } = await sdk["sso-admin"]();
    const pages = paginateListAccountAssignments(
      { client, pageSize: 100 },
      {
        InstanceArn: target.instanceArn,
        AccountId: target.accountId,
        PermissionSetArn: target.permissionSetArn,
      },
    );
    for await (const page of pages) {
      for (const a of page.AccountAssignments ?? []) {
        if (a.PrincipalType === "USER" && a.PrincipalId === userId) return true;
      }
    }
    return false;
  }

  /** Makes the assignment exist (`present`) or not (`absent`); returns once Identity Center says so. */
  async ensure(
    client: SSOAdminClient,
    target: AssignmentTarget,
    userId: string,
    desired: Desired,
    options: EnsureOptions = {},
  ): Promise<void> {
    await this.pairs.run(pairKey(target), async () => {
      const lookFirst = options.lookFirst ?? true;
      if (lookFirst && (await this.isAssigned(client, target, userId)) === (desired === "present")) return;
      const release = await this.slotsOf(target.instanceArn).acquire();
      try {
        const started = await this.start(client, target, userId, desired);
        if (started) await this.settle(client, target, userId, desired, started);
      } finally {
        release();
      }
    });
  }

  /** Create/DeleteAccountAssignment, retrying conflicts. Undefined: already as desired. */
  private async start(
    client: SSOAdminClient,
    target: AssignmentTarget,
    userId: string,
    desired: Desired,
  ): Promise<OperationStatus | undefined> {
    const { CreateAccountAssignmentCommand, DeleteAccountAssignmentCommand } = await sdk["sso-admin"]();
    const input = {
      InstanceArn: target.instanceArn,
      TargetId: target.accountId,
      TargetType: "AWS_ACCOUNT" as const,
      PermissionSetArn: target.permissionSetArn,
      PrincipalType: "USER" as const,
      PrincipalId: userId,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        if (desired === "present") {
          return (
            (await client.send(new CreateAccountAssignmentCommand(input))).AccountAssignmentCreationStatus ??
            {}
          );
        }
        return (
          (await client.send(new DeleteAccountAssignmentCommand(input))).AccountAssignmentDeletionStatus ?? {}
        );
      } catch (error) {
        const code = awsErrorCode(error);
        // Deleting what is already gone (moto answers so; AWS may too after a race).
        if (desired === "absent" && code === "ResourceNotFoundException") return undefined;
        if (code !== "ConflictException" || attempt >= this.timing.conflictRetries) throw error;
        // Another operation on this pair (another process): wait for it, then look again.
        await this.wait(this.backoff(attempt));
        if ((await this.isAssigned(client, target, userId)) === (desired === "present")) return undefined;
      }
    }
  }

  private backoff(attempt: number): number {
    const base = this.timing.conflictBackoffMs * 2 ** Math.min(attempt, 4);
    return base / 2 + Math.random() * (base / 2);
  }

  /** Polls Describe…Status until the operation settles; FAILED keeps Identity Center's FailureReason. */
  private async settle(
    client: SSOAdminClient,
    target: AssignmentTarget,
    userId: string,
    desired: Desired,
    started: OperationStatus,
  ): Promise<void> {
    const { DescribeAccountAssignmentCreationStatusCommand, DescribeAccountAssignmentDeletionStatusCommand } =
      await sdk["sso-admin"]();
    let status = started;
    for (let polls = 0; ; polls++) {
      if (status.Status === "SUCCEEDED") return;
      if (status.Status === "FAILED") {
        // Deleting what is gone (or creating what exists) may end FAILED: already as desired is done.
        if ((await this.isAssigned(client, target, userId)) === (desired === "present")) return;
        throw this.failed(target, desired, status.FailureReason);
      }
      // No status at all (moto answers without one): ask the assignments themselves.
      if (
        status.Status === undefined &&
        (await this.isAssigned(client, target, userId)) === (desired === "present")
      ) {
        return;
      }
      if (polls >= this.timing.maxPolls || !status.RequestId) {
        throw refused(
          `Identity Center's ${desired === "present" ? "creation" : "deletion"} of the assignment of ${target.permissionSetName} in ${target.accountId} was still in progress after ${polls} polls.`,
          "Portcullis retries; if it keeps happening, check the operation in IAM Identity Center.",
          true,
        );
      }
      await this.wait(polls === 0 ? this.timing.firstPollMs : this.timing.pollIntervalMs);
      status =
        desired === "present"
          ? ((
              await client.send(
                new DescribeAccountAssignmentCreationStatusCommand({
                  InstanceArn: target.instanceArn,
                  AccountAssignmentCreationRequestId: status.RequestId,
                }),
              )
            ).AccountAssignmentCreationStatus ?? {})
          : ((
              await client.send(
                new DescribeAccountAssignmentDeletionStatusCommand({
                  InstanceArn: target.instanceArn,
                  AccountAssignmentDeletionRequestId: status.RequestId,
                }),
              )
            ).AccountAssignmentDeletionStatus ?? {});
    }
  }

  private failed(target: AssignmentTarget, desired: Desired, reason: string | undefined) {
    const what = desired === "present" ? "assign" : "remove the assignment of";
    return refused(
      `IAM Identity Center could not ${what} ${target.permissionSetName} in account ${target.accountId} (FAILED): ${reason ?? "no reason given"}`,
      `Fix what the reason names in IAM Identity Center (often the permission set cannot be provisioned in ${target.accountId}: an SCP, or a policy it references missing there), then retry.`,
    );
  }
}
