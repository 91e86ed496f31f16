import {
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListPermissionSetsCommand,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, type SandboxOptions, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig } from "../test-support/clients.ts";
import { MEMBER, testScenario } from "../test-support/test-scenario.ts";

const INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-test000000000001";

let now = Date.parse("2025-06-01T12:00:00Z");
let sandbox: Sandbox;
let sso: SSOAdminClient;
let permissionSetArn: string;

async function start(options: Partial<SandboxOptions> = {}) {
  sandbox = await startSandbox({ scenario: testScenario(), clock: () => now, ...options });
  sso = new SSOAdminClient(clientConfig(sandbox, { maxAttempts: 1 }));
  const { PermissionSets } = await sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE_ARN }));
  permissionSetArn = PermissionSets![0]!;
}
beforeEach(() => start());
afterEach(() => sandbox.close());

const assignment = (principalId = "user-0", principalType: "USER" | "GROUP" = "USER") => ({
  InstanceArn: INSTANCE_ARN,
  TargetId: MEMBER,
  TargetType: "AWS_ACCOUNT" as const,
  PermissionSetArn: permissionSetArn,
  PrincipalType: principalType,
  PrincipalId: principalId,
});

const create = async (principalId = "user-0", principalType: "USER" | "GROUP" = "USER") =>
  (await sso.send(new CreateAccountAssignmentCommand(assignment(principalId, principalType))))
    .AccountAssignmentCreationStatus!;

const describeCreation = async (requestId: string) =>
  (
    await sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: INSTANCE_ARN,
        AccountAssignmentCreationRequestId: requestId,
      }),
    )
  ).AccountAssignmentCreationStatus!;

const assigned = async () =>
  (
    await sso.send(
      new ListAccountAssignmentsCommand({
        InstanceArn: INSTANCE_ARN,
        AccountId: MEMBER,
        PermissionSetArn: permissionSetArn,
      }),
    )
  ).AccountAssignments!.map((a) => a.PrincipalId);

describe("account assignments", () => {
  it("are created and deleted asynchronously: IN_PROGRESS, then SUCCEEDED on a later poll", async () => {
    const started = await create();
    expect(started).toMatchObject({ Status: "IN_PROGRESS", TargetId: MEMBER, PrincipalId: "user-0" });
    expect(started.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await assigned()).toEqual([]);
    expect((await describeCreation(started.RequestId!)).Status).toBe("IN_PROGRESS");
    expect((await describeCreation(started.RequestId!)).Status).toBe("SUCCEEDED");
    expect(await assigned()).toEqual(["user-0"]);
    const { AccountAssignments } = await sso.send(
      new ListAccountAssignmentsForPrincipalCommand({
        InstanceArn: INSTANCE_ARN,
        PrincipalId: "user-0",
        PrincipalType: "USER",
      }),
    );
    expect(AccountAssignments).toEqual([
      { AccountId: MEMBER, PermissionSetArn: permissionSetArn, PrincipalType: "USER", PrincipalId: "user-0" },
    ]);

    const deletion = (await sso.send(new DeleteAccountAssignmentCommand(assignment())))
      .AccountAssignmentDeletionStatus!;
    expect(deletion.Status).toBe("IN_PROGRESS");
    const poll = () =>
      sso.send(
        new DescribeAccountAssignmentDeletionStatusCommand({
          InstanceArn: INSTANCE_ARN,
          AccountAssignmentDeletionRequestId: deletion.RequestId,
        }),
      );
    expect((await poll()).AccountAssignmentDeletionStatus!.Status).toBe("IN_PROGRESS");
    expect(await assigned()).toEqual(["user-0"]);
    expect((await poll()).AccountAssignmentDeletionStatus!.Status).toBe("SUCCEEDED");
    expect(await assigned()).toEqual([]);
  });

  it("refuses a second operation on the same account and permission set while one is in progress", async () => {
    const first = await create("user-0");
    await expect(create("user-1")).rejects.toMatchObject({ name: "ConflictException" });
    await describeCreation(first.RequestId!);
    await describeCreation(first.RequestId!);
    await expect(create("user-1")).resolves.toMatchObject({ Status: "IN_PROGRESS" });
  });

  it("ends FAILED with the FailureReason when an async-failure fault asks", async () => {
    sandbox.setFaults([{ type: "async-failure", accountId: MEMBER, count: 1, reason: "Sandbox says no" }]);
    const started = await create();
    expect(started.Status).toBe("IN_PROGRESS");
    await describeCreation(started.RequestId!);
    expect(await describeCreation(started.RequestId!)).toMatchObject({
      Status: "FAILED",
      FailureReason: "Sandbox says no",
    });
    expect(await assigned()).toEqual([]);
    const failed = await sso.send(
      new ListAccountAssignmentCreationStatusCommand({
        InstanceArn: INSTANCE_ARN,
        Filter: { Status: "FAILED" },
      }),
    );
    expect(failed.AccountAssignmentsCreationStatus!.map((s) => s.RequestId)).toEqual([started.RequestId]);
  });

  it("settles by the sandbox clock when nobody polls", async () => {
    await sandbox.close();
    await start({ assignmentTiming: { polls: 100, ms: 1000 } });
    const started = await create();
    now += 999;
    expect((await describeCreation(started.RequestId!)).Status).toBe("IN_PROGRESS");
    now += 1;
    expect(await assigned()).toEqual(["user-0"]);
  });

  it("rejects a bad principal, account or permission set at once", async () => {
    await expect(create("ghost")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      sso.send(new CreateAccountAssignmentCommand({ ...assignment(), TargetId: "999999999999" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      sso.send(
        new CreateAccountAssignmentCommand({ ...assignment(), PermissionSetArn: `${permissionSetArn}x` }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("Identity Center quotas", () => {
  it("allows 20 requests per second, then ThrottlingException until the bucket refills", async () => {
    // start() made one call already.
    const calls = Array.from({ length: 19 }, () =>
      sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE_ARN })),
    );
    await Promise.all(calls);
    await expect(
      sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE_ARN })),
    ).rejects.toMatchObject({
      name: "ThrottlingException",
    });
    now += 50; // one token back at 20 per second
    await expect(
      sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE_ARN })),
    ).resolves.toBeTruthy();
  });

  it("keeps at most 10 assignment operations outstanding", async () => {
    await sandbox.close();
    await start({ quotas: [] });
    const { PermissionSets } = await sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE_ARN }));
    for (const arn of PermissionSets!.slice(0, 10)) {
      await sso.send(new CreateAccountAssignmentCommand({ ...assignment(), PermissionSetArn: arn }));
    }
    await expect(
      sso.send(
        new CreateAccountAssignmentCommand({ ...assignment(), PermissionSetArn: PermissionSets![10] }),
      ),
    ).rejects.toMatchObject({ name: "ThrottlingException", message: expect.stringContaining("at most 10") });
    // The refused one never started: the high-water mark is the ten that did.
    expect(sandbox.state.assignments.peakOutstanding).toBe(10);
  });
});

describe("signing in with Identity Center", () => {
  it("gives an AWSReservedSSO session only while the user (or its group) is assigned", async () => {
    const signIn = () =>
      sandbox.signInWithSso({
        userName: "person1@example.com",
        accountId: MEMBER,
        permissionSetName: "PermissionSet0",
      });
    expect(signIn).toThrow(/not assigned/);
    // person1 is in group-0: a group assignment is enough.
    const started = await create("group-0", "GROUP");
    await describeCreation(started.RequestId!);
    await describeCreation(started.RequestId!);
    const credentials = signIn();
    const sts = new STSClient(clientConfig(sandbox, { credentials }));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(MEMBER);
    expect(identity.Arn).toMatch(
      new RegExp(
        `^arn:aws:sts::${MEMBER}:assumed-role/AWSReservedSSO_PermissionSet0_[a-z2-7]{16}/person1@example.com$`,
      ),
    );
  });
});
