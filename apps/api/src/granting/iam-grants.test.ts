import { CreateAccessKeyCommand, ListAccessKeysCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { managedUserName } from "./managed-user-name.ts";
import { policyNameFor } from "./target-key.ts";
import {
  type GrantingHarness,
  organizationContext,
  person,
  startGrantingHarness,
} from "./testing/granting-harness.ts";
import { MEMBER_A, MEMBER_B, REGION } from "./testing/granting-scenario.ts";
import type { GrantOutcome, GrantTarget } from "./types.ts";

// Managed IAM users against the sandbox, whose policy evaluator authorises calls signed with
// the keys it created: a granted key really works, and stops working when revoked.

const ctx = organizationContext();
const role = (name: string, accountId = MEMBER_A): GrantTarget => ({
  kind: "iam-role",
  accountId,
  roleArn: `arn:aws:iam::${accountId}:role/${name}`,
});
type Key = { accessKeyId: string; secretAccessKey: string };

let h: GrantingHarness;
beforeEach(async () => {
  h = await startGrantingHarness();
});
afterEach(() => h.close());

const keyOf = (outcome: GrantOutcome): Key => {
  if (outcome.status !== "granted" || !outcome.detail.accessKey)
    throw new Error(`no key in ${JSON.stringify(outcome)}`);
  return outcome.detail.accessKey;
};
const canAssume = async (key: Key, roleArn: string) => {
  const sts = new STSClient({ endpoint: h.sandbox.url, region: REGION, credentials: key });
  try {
    await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "test" }));
    return true;
  } catch (error) {
    if ((error as Error).name === "AccessDenied") return false;
    throw error;
  }
};
const canList = async (key: Key, bucket: string) => {
  const s3 = new S3Client({
    endpoint: h.sandbox.url,
    region: REGION,
    credentials: key,
    forcePathStyle: true,
  });
  try {
    await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    return true;
  } catch (error) {
    if ((error as Error).name === "AccessDenied") return false;
    throw error;
  }
};
const memberIam = async (accountId = MEMBER_A) =>
  h.aws.get("iam", await h.identities.account(ctx, accountId), REGION);

describe("IAM role grants", () => {
  it("lets the granted key assume the granted role only, until revoked; the key is created once", async () => {
    const readers = role("app-readers");
    const admins = role("app-admins");
    const first = await h.granter.grant(ctx, person(0), readers);
    const name = managedUserName(person(0));
    expect(first).toMatchObject({
      status: "granted",
      detail: { managedUserName: name, managedUserArn: `arn:aws:iam::${MEMBER_A}:user/portcullis/${name}` },
    });
    const key = keyOf(first);
    expect(await canAssume(key, readers.kind === "iam-role" ? readers.roleArn : "")).toBe(true);
    expect(await canAssume(key, `arn:aws:iam::${MEMBER_A}:role/app-admins`)).toBe(false);
    expect(await h.granter.isPresent(ctx, person(0), readers)).toBe(true);
    expect(await h.granter.isPresent(ctx, person(0), admins)).toBe(false);

    // A second grant to the same person in the account reuses the user and its key.
    const second = await h.granter.grant(ctx, person(0), admins);
    expect(second).toMatchObject({ status: "granted", detail: { managedUserName: name } });
    expect(second.status === "granted" && second.detail.accessKey).toBeFalsy();
    expect(await canAssume(key, `arn:aws:iam::${MEMBER_A}:role/app-admins`)).toBe(true);

    // Revoking one leaves the other.
    expect(await h.granter.revoke(ctx, person(0), readers)).toEqual({ status: "revoked" });
    expect(await canAssume(key, `arn:aws:iam::${MEMBER_A}:role/app-readers`)).toBe(false);
    expect(await canAssume(key, `arn:aws:iam::${MEMBER_A}:role/app-admins`)).toBe(true);
    expect(await h.granter.revoke(ctx, person(0), admins)).toEqual({ status: "revoked" });
    expect(await canAssume(key, `arn:aws:iam::${MEMBER_A}:role/app-admins`)).toBe(false);
    expect(await h.granter.revoke(ctx, person(0), admins)).toEqual({ status: "revoked" });
    expect(await h.granter.isPresent(ctx, person(0), readers)).toBe(false);

    const user = h.sandbox.state.iam.user(MEMBER_A, name)!;
    expect(user.path).toBe("/portcullis/");
    expect(user.policies.size).toBe(0);
    expect(user.keys).toHaveLength(1);
  });

  it("grants in each account with that account's own managed user", async () => {
    const a = keyOf(await h.granter.grant(ctx, person(1), role("app-readers", MEMBER_A)));
    const b = keyOf(await h.granter.grant(ctx, person(1), role("app-readers", MEMBER_B)));
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(await canAssume(a, `arn:aws:iam::${MEMBER_A}:role/app-readers`)).toBe(true);
    expect(await canAssume(a, `arn:aws:iam::${MEMBER_B}:role/app-readers`)).toBe(false);
    expect(await canAssume(b, `arn:aws:iam::${MEMBER_B}:role/app-readers`)).toBe(true);
  });

  it("creates one key when two grants for the same person run at once", async () => {
    const outcomes = await Promise.all([
      h.granter.grant(ctx, person(2), role("app-readers")),
      h.granter.grant(ctx, person(2), role("app-admins")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["granted", "granted"]);
    expect(outcomes.filter((o) => o.status === "granted" && o.detail.accessKey)).toHaveLength(1);
    expect(h.sandbox.state.iam.user(MEMBER_A, managedUserName(person(2)))!.keys).toHaveLength(1);
  });

  it("reports a policy someone widened as not present, and a grant restores it", async () => {
    const readers = role("app-readers");
    const key = keyOf(await h.granter.grant(ctx, person(3), readers));
    const iam = await memberIam();
    const name = managedUserName(person(3));
    const [policyName] = [...h.sandbox.state.iam.user(MEMBER_A, name)!.policies.keys()];
    await iam.send(
      new PutUserPolicyCommand({
        UserName: name,
        PolicyName: policyName,
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
        }),
      }),
    );
    expect(await canAssume(key, `arn:aws:iam::${MEMBER_A}:role/app-admins`)).toBe(true);
    expect(await h.granter.isPresent(ctx, person(3), readers)).toBe(false);
    expect((await h.granter.grant(ctx, person(3), readers)).status).toBe("granted");
    expect(await h.granter.isPresent(ctx, person(3), readers)).toBe(true);
    expect(await canAssume(key, `arn:aws:iam::${MEMBER_A}:role/app-admins`)).toBe(false);
  });
});

describe("access keys", () => {
  it("replaces a key the spine never stored (a crashed attempt's), and keeps a known one", async () => {
    const iam = await memberIam();
    const name = managedUserName(person(4));
    const first = keyOf(await h.granter.grant(ctx, person(4), role("app-readers")));
    // The spine did not record the key (it crashed before storing the outcome): it says so.
    const retried = await h.granter.grant(
      { ...ctx },
      { ...person(4), managedUser: { accessKeyIds: [] } },
      role("app-readers"),
    );
    const replacement = keyOf(retried);
    expect(replacement.accessKeyId).not.toBe(first.accessKeyId);
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: name }))).AccessKeyMetadata!;
    expect(keys.map((k) => k.AccessKeyId)).toEqual([replacement.accessKeyId]);
    expect(await canAssume(replacement, `arn:aws:iam::${MEMBER_A}:role/app-readers`)).toBe(true);

    // A known key is kept: no new key.
    const again = await h.granter.grant(
      ctx,
      { ...person(4), managedUser: { accessKeyIds: [replacement.accessKeyId] } },
      role("app-admins"),
    );
    expect(again.status === "granted" && again.detail.accessKey).toBeFalsy();
  });

  it("never creates a third key: a user at IAM's limit of two keeps its keys", async () => {
    const iam = await memberIam();
    const name = managedUserName(person(5));
    await h.granter.grant(ctx, person(5), role("app-readers"));
    await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    const outcome = await h.granter.grant(ctx, person(5), role("app-admins"));
    expect(outcome.status).toBe("granted");
    expect(h.sandbox.state.iam.user(MEMBER_A, name)!.keys).toHaveLength(2);
  });
});

describe("S3 and IAM group grants", () => {
  it("gives read-only access to one bucket, not its neighbour, until revoked", async () => {
    const target: GrantTarget = {
      kind: "s3-bucket",
      accountId: MEMBER_A,
      bucketName: "member-a-data",
      access: "read-only",
    };
    const key = keyOf(await h.granter.grant(ctx, person(0), target));
    expect(await canList(key, "member-a-data")).toBe(true);
    expect(await canList(key, "member-a-secret")).toBe(false);
    expect(await h.granter.revoke(ctx, person(0), target)).toEqual({ status: "revoked" });
    expect(await canList(key, "member-a-data")).toBe(false);
  });

  it("grants through IAM group membership and takes it back", async () => {
    const target: GrantTarget = { kind: "iam-group", accountId: MEMBER_B, groupName: "bucket-readers" };
    const key = keyOf(await h.granter.grant(ctx, person(1), target));
    expect(await canList(key, "member-b-data")).toBe(true);
    expect(await h.granter.isPresent(ctx, person(1), target)).toBe(true);
    expect(await h.granter.revoke(ctx, person(1), target)).toEqual({ status: "revoked" });
    expect(await canList(key, "member-b-data")).toBe(false);
    expect(await h.granter.isPresent(ctx, person(1), target)).toBe(false);
    expect(await h.granter.revoke(ctx, person(1), target)).toEqual({ status: "revoked" });
  });

  it("lists the account's managed users with what they hold, for the reconciler", async () => {
    const readers = role("app-readers", MEMBER_B);
    const group: GrantTarget = { kind: "iam-group", accountId: MEMBER_B, groupName: "bucket-readers" };
    const key = keyOf(await h.granter.grant(ctx, person(3), readers));
    await h.granter.grant(ctx, person(3), group);
    expect(await h.granter.managedIamUsers(ctx, MEMBER_B)).toEqual([
      {
        userName: managedUserName(person(3)),
        userArn: `arn:aws:iam::${MEMBER_B}:user/portcullis/${managedUserName(person(3))}`,
        personId: person(3).personId,
        policyNames: [policyNameFor(readers)],
        groupNames: ["bucket-readers"],
        accessKeyIds: [key.accessKeyId],
      },
    ]);
    await h.granter.revoke(ctx, person(3), readers);
    await h.granter.revoke(ctx, person(3), group);
    expect(await h.granter.managedIamUsers(ctx, MEMBER_B)).toMatchObject([
      { policyNames: [], groupNames: [] },
    ]);
    expect(await h.granter.managedIamUsers(ctx, MEMBER_A)).toEqual([]);
  });

  it("writes the Session Manager and IAM database policies, and reads them back as present", async () => {
    const instance: GrantTarget = {
      kind: "ec2-instance",
      accountId: MEMBER_A,
      region: REGION,
      instanceArn: `arn:aws:ec2:${REGION}:${MEMBER_A}:instance/i-0123456789abcdef0`,
    };
    const database: GrantTarget = {
      kind: "rds-instance",
      accountId: MEMBER_A,
      region: REGION,
      dbiResourceId: "db-ABCDEFGHIJKLMNOP",
      dbUser: "reporting",
    };
    for (const target of [instance, database]) {
      expect((await h.granter.grant(ctx, person(4), target)).status).toBe("granted");
      expect(await h.granter.isPresent(ctx, person(4), target)).toBe(true);
    }
    expect(await h.granter.revoke(ctx, person(4), instance)).toEqual({ status: "revoked" });
    expect(await h.granter.isPresent(ctx, person(4), instance)).toBe(false);
    expect(await h.granter.isPresent(ctx, person(4), database)).toBe(true);
  });

  it("refuses a target that would widen the policy, before creating anything", async () => {
    const outcome = await h.granter.grant(ctx, person(2), {
      kind: "s3-bucket",
      accountId: MEMBER_A,
      bucketName: "member-a-*",
      access: "read-write",
    });
    expect(outcome).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("Bucket name"),
      retryable: false,
    });
    expect(h.sandbox.callCount({ operation: "CreateUser" })).toBe(0);
  });

  it("says which role and actions are missing when the member role cannot be assumed", async () => {
    const outcome = await h.granter.grant(
      { ...ctx, memberRoleName: "NoSuchRole" },
      person(2),
      role("app-readers"),
    );
    expect(outcome).toMatchObject({
      status: "failed",
      reason: `The member account role arn:aws:iam::${MEMBER_A}:role/NoSuchRole cannot be assumed from arn:aws:iam::111111111111:role/PortcullisManagementRole (AccessDenied).`,
      fix: `Create the role NoSuchRole in account ${MEMBER_A}, or let arn:aws:iam::111111111111:role/PortcullisManagementRole assume it (its trust policy), then retry.`,
      retryable: false,
    });
  });
});
