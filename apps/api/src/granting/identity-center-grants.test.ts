import { CreateAccountAssignmentCommand } from "@aws-sdk/client-sso-admin";
import type { CallRecord } from "@portcullis/aws-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import {
  type GrantingHarness,
  organizationContext,
  person,
  startGrantingHarness,
} from "./testing/granting-harness.ts";
import {
  IDENTITY_STORE,
  INSTANCE_ARN,
  MEMBER_A,
  MEMBER_B,
  PERMISSION_SETS,
  permissionSetArn,
  RENAMED,
  userId,
} from "./testing/granting-scenario.ts";
import type { GrantTarget } from "./types.ts";

// Identity Center grants against the sandbox: asynchronous assignments (IN_PROGRESS, then
// SUCCEEDED or FAILED), ConflictException, throttling, the 10-operation and 20 requests/s quotas.

const ctx = organizationContext();
const assignment = (
  accountId: string,
  ps: number,
): Extract<GrantTarget, { kind: "sso-account-assignment" }> => ({
  kind: "sso-account-assignment",
  accountId,
  permissionSetArn: permissionSetArn(ps),
  permissionSetName: `PermissionSet${ps}`,
  instanceArn: INSTANCE_ARN,
  identityStoreId: IDENTITY_STORE,
});

let h: GrantingHarness;
afterEach(() => h?.close());

const assigned = () =>
  h.sandbox.state.assignments
    .list({})
    .map((a) => `${a.accountId}|${a.permissionSetArn}|${a.principalId}`)
    .sort();

describe("Identity Center account assignments", () => {
  it("assigns the permission set (the user can sign in), counts an existing one as granted, and removes it", async () => {
    h = await startGrantingHarness();
    const target = assignment(MEMBER_A, 0);
    const signIn = () =>
      h.sandbox.signInWithSso({
        userName: "person0@example.com",
        accountId: MEMBER_A,
        permissionSetName: "PermissionSet0",
      });
    expect(signIn).toThrow(/not assigned/);
    expect(await h.granter.isPresent(ctx, person(0), target)).toBe(false);

    expect(await h.granter.grant(ctx, person(0), target)).toEqual({
      status: "granted",
      detail: { identityCenterUserId: userId(0) },
    });
    expect(signIn()).toMatchObject({ accessKeyId: expect.any(String) });
    expect(await h.granter.isPresent(ctx, person(0), target)).toBe(true);
    // The status was polled until SUCCEEDED.
    expect(
      h.sandbox.callCount({ operation: "DescribeAccountAssignmentCreationStatus" }),
    ).toBeGreaterThanOrEqual(1);

    // A retry (a worker that crashed after AWS answered) changes nothing.
    expect((await h.granter.grant(ctx, person(0), target)).status).toBe("granted");
    expect(h.sandbox.callCount({ operation: "CreateAccountAssignment" })).toBe(1);

    expect(await h.granter.revoke(ctx, person(0), target)).toEqual({ status: "revoked" });
    expect(signIn).toThrow(/not assigned/);
    expect(await h.granter.isPresent(ctx, person(0), target)).toBe(false);
    expect(await h.granter.revoke(ctx, person(0), target)).toEqual({ status: "revoked" });
    expect(h.sandbox.callCount({ operation: "DeleteAccountAssignment" })).toBe(1);
    expect(assigned()).toEqual([]);
  });

  it("a first attempt makes the two calls an assignment needs: Create (or Delete), then one status poll once the operation is due", async () => {
    // The sandbox settles an operation 2 s after it started (never because it was polled): the
    // granter's waits move its clock.
    let offset = 0;
    h = await startGrantingHarness({
      sandbox: { assignmentTiming: { polls: 1_000, ms: 2000 }, clock: () => Date.now() + offset },
      granter: {
        identityCenter: { firstPollMs: 2000, pollIntervalMs: 1000 },
        wait: async (ms) => {
          offset += ms;
        },
      },
    });
    const target = assignment(MEMBER_B, 1);
    const ssoCalls = () => h.sandbox.calls({ service: "sso" }).map((c) => c.operation);
    expect(await h.granter.grant(ctx, person(2), target, { firstAttempt: true })).toEqual({
      status: "granted",
      detail: { identityCenterUserId: userId(2) },
    });
    expect(ssoCalls()).toEqual(["CreateAccountAssignment", "DescribeAccountAssignmentCreationStatus"]);
    expect(assigned()).toEqual([`${MEMBER_B}|${permissionSetArn(1)}|${userId(2)}`]);

    h.sandbox.resetCalls();
    expect(await h.granter.revoke(ctx, person(2), target, { firstAttempt: true })).toEqual({
      status: "revoked",
    });
    expect(ssoCalls()).toEqual(["DeleteAccountAssignment", "DescribeAccountAssignmentDeletionStatus"]);
    expect(assigned()).toEqual([]);

    // Without the hint (a retry), the granter looks first and changes nothing that is already so.
    h.sandbox.resetCalls();
    expect(await h.granter.revoke(ctx, person(2), target)).toEqual({ status: "revoked" });
    expect(ssoCalls()).toEqual(["ListAccountAssignments"]);
  });

  it("finds the Identity Center user by email when the user names differ", async () => {
    h = await startGrantingHarness();
    const outcome = await h.granter.grant(ctx, person(RENAMED), assignment(MEMBER_A, 1));
    expect(outcome).toEqual({ status: "granted", detail: { identityCenterUserId: userId(RENAMED) } });
  });

  it("fails, with what to do, for a person Identity Center does not know", async () => {
    h = await startGrantingHarness();
    const stranger = { personId: "p-stranger", email: "stranger@example.com", userName: "stranger" };
    const outcome = await h.granter.grant(ctx, stranger, assignment(MEMBER_A, 0));
    expect(outcome).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("No Identity Center user has the user name stranger"),
      fix: expect.stringContaining("Add the person to IAM Identity Center"),
      retryable: false,
    });
    expect(h.sandbox.callCount({ operation: "CreateAccountAssignment" })).toBe(0);
  });

  it("keeps Identity Center's FailureReason when the operation ends FAILED", async () => {
    h = await startGrantingHarness();
    h.sandbox.addFault({
      type: "async-failure",
      accountId: MEMBER_B,
      count: 1,
      reason: "Permission set provisioning failed: the SCP of the account denies iam:CreateRole",
    });
    const target = assignment(MEMBER_B, 2);
    const outcome = await h.granter.grant(ctx, person(1), target);
    expect(outcome).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("the SCP of the account denies iam:CreateRole"),
      fix: expect.stringContaining(MEMBER_B),
      retryable: false,
    });
    expect(assigned()).toEqual([]);
    // Once fixed, the retry grants it.
    expect((await h.granter.grant(ctx, person(1), target)).status).toBe("granted");
  });

  it("retries ConflictException while another operation on the same account and permission set runs", async () => {
    // The sandbox settles an operation after 2 s of its clock: the granter's waits move that clock.
    let offset = 0;
    h = await startGrantingHarness({
      sandbox: { clock: () => Date.now() + offset },
      granter: {
        wait: async (ms) => {
          offset += ms;
        },
      },
    });
    const target = assignment(MEMBER_A, 3);
    // Someone else (another process, the console) starts an operation on the pair.
    const management = await h.identities.management(ctx);
    const sso = await h.aws.get("sso-admin", management, ctx.region);
    await sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: INSTANCE_ARN,
        TargetId: MEMBER_A,
        TargetType: "AWS_ACCOUNT",
        PermissionSetArn: permissionSetArn(3),
        PrincipalType: "USER",
        PrincipalId: userId(2),
      }),
    );
    expect((await h.granter.grant(ctx, person(0), target)).status).toBe("granted");
    expect(
      h.sandbox.callCount({ operation: "CreateAccountAssignment", errorCode: "ConflictException" }),
    ).toBeGreaterThanOrEqual(1);
    expect(assigned()).toEqual([
      `${MEMBER_A}|${permissionSetArn(3)}|${userId(0)}`,
      `${MEMBER_A}|${permissionSetArn(3)}|${userId(2)}`,
    ]);
  });

  it("gives up on an operation that stays IN_PROGRESS, as a retryable failure, and the retry finishes it", async () => {
    // The operation settles 2 s after it started on the sandbox's clock, which only the granter's
    // waits move (not the wall clock: on a loaded host the first grant alone can take 2 s).
    const start = Date.now();
    let offset = 0;
    h = await startGrantingHarness({
      sandbox: { assignmentTiming: { polls: 5, ms: 2000 }, clock: () => start + offset },
      granter: {
        identityCenter: { firstPollMs: 0, pollIntervalMs: 0, maxPolls: 2, conflictBackoffMs: 100 },
        wait: async (ms) => {
          offset += ms;
        },
      },
    });
    const target = assignment(MEMBER_A, 4);
    expect(await h.granter.grant(ctx, person(1), target)).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("still in progress after 2 polls"),
      retryable: true,
    });
    // The job's retry: the first operation is still running, so its Create conflicts and is
    // retried until the first one has settled.
    expect((await h.granter.grant(ctx, person(1), target)).status).toBe("granted");
    expect(
      h.sandbox.callCount({ operation: "CreateAccountAssignment", errorCode: "ConflictException" }),
    ).toBeGreaterThanOrEqual(1);
    expect(assigned()).toEqual([`${MEMBER_A}|${permissionSetArn(4)}|${userId(1)}`]);
  });

  it("refuses Identity Center targets through an account integration", async () => {
    h = await startGrantingHarness();
    const { ssoRegion, managementRoleArn, memberRoleName, ...common } = ctx;
    const outcome = await h.granter.grant(
      { ...common, kind: "aws-account" },
      person(0),
      assignment(MEMBER_A, 0),
    );
    expect(outcome).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("through an AWS organization integration"),
      retryable: false,
    });
  });

  it("retries throttled calls", async () => {
    h = await startGrantingHarness();
    h.sandbox.addFault({ type: "throttle", service: "sso", operation: "CreateAccountAssignment", count: 2 });
    expect((await h.granter.grant(ctx, person(3), assignment(MEMBER_B, 0))).status).toBe("granted");
    expect(h.sandbox.callCount({ operation: "CreateAccountAssignment", throttled: true })).toBe(2);
  });
});

/** Most calls in any stretch of time, less what a 20/s bucket of 20 allows in it (≤ 0: within the quota). */
function worstExcessOverBucket(calls: readonly CallRecord[], rate: number, burst: number): number {
  const times = calls.map((c) => new Date(c.at).getTime()).sort((a, b) => a - b);
  let worst = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i++) {
    for (let j = i; j < times.length; j++) {
      const allowed = burst + (rate * (times[j]! - times[i]!)) / 1000;
      worst = Math.max(worst, j - i + 1 - allowed);
    }
  }
  return worst;
}

describe("Identity Center quotas", () => {
  it("grants and revokes 24 assignments at once within 10 operations outstanding and 20 requests/s", async () => {
    h = await startGrantingHarness();
    const grants = [MEMBER_A, MEMBER_B].flatMap((accountId) =>
      Array.from({ length: PERMISSION_SETS }, (_, ps) =>
        [0, 1].map((p) => ({ subject: person(p), target: assignment(accountId, ps) })),
      ).flat(),
    );
    expect(grants).toHaveLength(24);
    const outcomes = await Promise.all(grants.map((g) => h.granter.grant(ctx, g.subject, g.target)));
    expect(outcomes.filter((o) => o.status !== "granted")).toEqual([]);
    expect(assigned()).toEqual(
      grants
        .map(
          (g) =>
            `${g.target.accountId}|${g.target.permissionSetArn}|${g.subject.email.replace(/person(\d)@.*/, "user-$1")}`,
        )
        .sort(),
    );

    const revoked = await Promise.all(grants.map((g) => h.granter.revoke(ctx, g.subject, g.target)));
    expect(revoked.every((o) => o.status === "revoked")).toBe(true);
    expect(assigned()).toEqual([]);

    // The sandbox throttles past 10 outstanding and past its 20/s bucket: nothing was throttled,
    // the peak of operations in progress reached the cap without passing it, and the calls fit the bucket.
    const sso = h.sandbox.calls({ service: "sso" });
    expect(
      h.sandbox.calls({ service: "sso", throttled: true }).map((c) => `${c.operation} ${c.errorCode}`),
    ).toEqual([]);
    expect(h.sandbox.state.assignments.peakOutstanding).toBeLessThanOrEqual(10);
    expect(h.sandbox.state.assignments.peakOutstanding).toBeGreaterThan(1);
    expect(worstExcessOverBucket(sso, 20, 20)).toBeLessThanOrEqual(0);
    expect(h.sandbox.callCount({ operation: "CreateAccountAssignment" })).toBe(24);
    expect(h.sandbox.callCount({ operation: "DeleteAccountAssignment" })).toBe(24);
  }, 120_000);
});

describe("Identity Center groups", () => {
  it("adds the user to the group once and removes them", async () => {
    h = await startGrantingHarness();
    const target: GrantTarget = {
      kind: "identity-center-group",
      identityStoreId: IDENTITY_STORE,
      groupId: "group-ops",
      groupName: "Ops",
    };
    const members = () => h.sandbox.state.identityStore.membershipsOf("group-ops").map((m) => m.userId);
    expect((await h.granter.grant(ctx, person(4), target)).status).toBe("granted");
    expect((await h.granter.grant(ctx, person(4), target)).status).toBe("granted");
    expect(members()).toEqual([userId(4)]);
    expect(await h.granter.isPresent(ctx, person(4), target)).toBe(true);
    expect(await h.granter.revoke(ctx, person(4), target)).toEqual({ status: "revoked" });
    expect(await h.granter.revoke(ctx, person(4), target)).toEqual({ status: "revoked" });
    expect(members()).toEqual([]);
    expect(await h.granter.isPresent(ctx, person(4), target)).toBe(false);
  });
});
