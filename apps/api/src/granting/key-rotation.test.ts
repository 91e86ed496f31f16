import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createReplacementKey,
  deleteManagedUser,
  KeyToKeepMissing,
  listAccessKeys,
  retireKeysExcept,
} from "./key-rotation.ts";
import { AwsManagedKeys, keyOperationFailure } from "./managed-keys.ts";
import { managedUserName } from "./managed-user-name.ts";
import {
  type GrantingHarness,
  organizationContext,
  person,
  startGrantingHarness,
} from "./testing/granting-harness.ts";
import { MEMBER_A, MEMBER_B, REGION } from "./testing/granting-scenario.ts";
import type { GrantOutcome, GrantTarget } from "./types.ts";

// Key rotation and cleanup of managed IAM users against the sandbox, whose policy evaluator
// authorises calls signed with the keys it issued: "a usable key" is proven by using it.

const ctx = organizationContext();
const READERS = `arn:aws:iam::${MEMBER_A}:role/app-readers`;
const role: GrantTarget = { kind: "iam-role", accountId: MEMBER_A, roleArn: READERS };
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
const works = async (key: Key) => {
  const sts = new STSClient({ endpoint: h.sandbox.url, region: REGION, credentials: key, maxAttempts: 1 });
  try {
    await sts.send(new AssumeRoleCommand({ RoleArn: READERS, RoleSessionName: "rotation-test" }));
    return true;
  } catch (error) {
    const name = (error as Error).name;
    if (name === "AccessDenied" || name === "InvalidClientTokenId") return false;
    throw error;
  }
};
const iamOf = async (accountId = MEMBER_A) =>
  h.aws.get("iam", await h.identities.account(ctx, accountId), REGION);
const ids = async (userName: string) =>
  (await listAccessKeys(await iamOf(), userName)).map((k) => `${k.accessKeyId}:${k.status}`);
/** The next IAM call of this operation fails with a non-retryable error (as a crash between steps would). */
const failNext = (operation: string) =>
  h.sandbox.addFault({
    type: "error",
    service: "iam",
    operation,
    code: "AccessDenied",
    status: 403,
    count: 1,
  });

describe("access key rotation", () => {
  it("creates the new key next to the old one, then retires the old one; each key works when it should", async () => {
    const old = keyOf(await h.granter.grant(ctx, person(0), role));
    const name = managedUserName(person(0));
    const iam = await iamOf();

    const fresh = await createReplacementKey(iam, name, [old.accessKeyId]);
    expect(fresh.createdAt).toBeInstanceOf(Date);
    expect(await ids(name)).toEqual([`${old.accessKeyId}:Active`, `${fresh.accessKeyId}:Active`]);
    expect(await works(old)).toBe(true);
    expect(await works(fresh)).toBe(true);

    expect(await retireKeysExcept(iam, name, fresh.accessKeyId)).toEqual([old.accessKeyId]);
    expect(await ids(name)).toEqual([`${fresh.accessKeyId}:Active`]);
    expect(await works(old)).toBe(false);
    expect(await works(fresh)).toBe(true);
    // Again: nothing left to retire.
    expect(await retireKeysExcept(iam, name, fresh.accessKeyId)).toEqual([]);
  });

  it("a failure between deactivating and deleting leaves the new key usable and the retry finishes", async () => {
    const old = keyOf(await h.granter.grant(ctx, person(1), role));
    const name = managedUserName(person(1));
    const iam = await iamOf();
    const fresh = await createReplacementKey(iam, name, [old.accessKeyId]);

    failNext("DeleteAccessKey");
    await expect(retireKeysExcept(iam, name, fresh.accessKeyId)).rejects.toMatchObject({
      name: "AccessDenied",
    });
    // In between: the old key is inactive (unusable), the new one works; IAM still counts two keys.
    expect(await ids(name)).toEqual([`${old.accessKeyId}:Inactive`, `${fresh.accessKeyId}:Active`]);
    expect(await works(old)).toBe(false);
    expect(await works(fresh)).toBe(true);

    expect(await retireKeysExcept(iam, name, fresh.accessKeyId)).toEqual([old.accessKeyId]);
    expect(await ids(name)).toEqual([`${fresh.accessKeyId}:Active`]);
  });

  it("a failure before the old key is deactivated leaves both usable; the retry retires it", async () => {
    const old = keyOf(await h.granter.grant(ctx, person(2), role));
    const name = managedUserName(person(2));
    const iam = await iamOf();
    const fresh = await createReplacementKey(iam, name, [old.accessKeyId]);
    failNext("UpdateAccessKey");
    await expect(retireKeysExcept(iam, name, fresh.accessKeyId)).rejects.toMatchObject({
      name: "AccessDenied",
    });
    expect(await works(fresh)).toBe(true);
    expect(await retireKeysExcept(iam, name, fresh.accessKeyId)).toEqual([old.accessKeyId]);
    expect(await works(old)).toBe(false);
  });

  it("retires nothing when the key to keep is not in IAM (the user keeps a working key)", async () => {
    const old = keyOf(await h.granter.grant(ctx, person(8), role));
    const name = managedUserName(person(8));
    const error = await retireKeysExcept(await iamOf(), name, "AKIAGONEGONEGONE").catch((e) => e);
    expect(error).toBeInstanceOf(KeyToKeepMissing);
    expect(await works(old)).toBe(true);
  });

  it("a crash after creating (secret never stored) never reaches a third key: the lost key is replaced", async () => {
    const old = keyOf(await h.granter.grant(ctx, person(3), role));
    const name = managedUserName(person(3));
    const iam = await iamOf();
    const lost = await createReplacementKey(iam, name, [old.accessKeyId]);
    // The retry knows only the old key: the lost one is retired, a new one created, the old one kept.
    const fresh = await createReplacementKey(iam, name, [old.accessKeyId]);
    expect(fresh.accessKeyId).not.toBe(lost.accessKeyId);
    expect(await ids(name)).toEqual([`${old.accessKeyId}:Active`, `${fresh.accessKeyId}:Active`]);
    expect(await works(lost)).toBe(false);
    expect(await works(old)).toBe(true);
  });

  it("at IAM's two-keys limit with both keys known, refuses (retryable) instead of deleting a usable key", async () => {
    const old = keyOf(await h.granter.grant(ctx, person(4), role));
    const name = managedUserName(person(4));
    const iam = await iamOf();
    const second = await createReplacementKey(iam, name, [old.accessKeyId]);
    const error = await createReplacementKey(iam, name, [old.accessKeyId, second.accessKeyId]).catch(
      (e) => e,
    );
    expect(keyOperationFailure(error, "Rotating")).toMatchObject({
      status: "failed",
      retryable: true,
      reason: expect.stringContaining("two access keys"),
    });
    expect(await works(old)).toBe(true);
    expect(await works(second)).toBe(true);
  });

  it("a failed CreateAccessKey leaves the old key working", async () => {
    const old = keyOf(await h.granter.grant(ctx, person(5), role));
    const name = managedUserName(person(5));
    failNext("CreateAccessKey");
    const error = await createReplacementKey(await iamOf(), name, [old.accessKeyId]).catch((e) => e);
    expect(keyOperationFailure(error, "Rotating the key")).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("AccessDenied"),
      fix: expect.stringContaining("iam:CreateAccessKey"),
    });
    expect(await works(old)).toBe(true);
  });

  it("works through AwsManagedKeys with the integration's member role", async () => {
    const old = keyOf(await h.granter.grant(ctx, person(6), role));
    const name = managedUserName(person(6));
    const keys = new AwsManagedKeys(h.runtime);
    const fresh = await keys.createReplacementKey(ctx, MEMBER_A, name, [old.accessKeyId]);
    expect(await keys.retireKeysExcept(ctx, MEMBER_A, name, fresh.accessKeyId)).toEqual([old.accessKeyId]);
    expect(await works(fresh)).toBe(true);
  });
});

describe("managed user cleanup", () => {
  it("deletes the user with its keys, inline policies and group memberships; idempotent", async () => {
    const key = keyOf(
      await h.granter.grant(ctx, person(7), {
        ...role,
        accountId: MEMBER_B,
        roleArn: `arn:aws:iam::${MEMBER_B}:role/app-readers`,
      }),
    );
    await h.granter.grant(ctx, person(7), {
      kind: "iam-group",
      accountId: MEMBER_B,
      groupName: "bucket-readers",
    });
    const name = managedUserName(person(7));
    const user = h.sandbox.state.iam.user(MEMBER_B, name)!;
    expect(user.policies.size).toBe(1);
    expect(user.groups.size).toBe(1);

    const iam = await iamOf(MEMBER_B);
    failNext("DeleteUser");
    await expect(deleteManagedUser(iam, name)).rejects.toMatchObject({ name: "AccessDenied" });
    expect(await deleteManagedUser(iam, name)).toBe("deleted");
    expect(h.sandbox.state.iam.user(MEMBER_B, name)).toBeUndefined();
    expect(h.sandbox.state.iam.ownerOfKey(key.accessKeyId)).toBeUndefined();
    expect(await deleteManagedUser(iam, name)).toBe("absent");
  });

  it("refuses to delete an IAM user outside /portcullis/", async () => {
    const iam = await iamOf();
    const { CreateUserCommand } = await import("@aws-sdk/client-iam");
    await iam.send(new CreateUserCommand({ UserName: "someone-else", Path: "/" }));
    const error = await deleteManagedUser(iam, "someone-else").catch((e) => e);
    expect(keyOperationFailure(error, "Deleting", true)).toMatchObject({
      reason: expect.stringContaining("not under /portcullis/"),
    });
    expect(h.sandbox.state.iam.user(MEMBER_A, "someone-else")).toBeDefined();
  });
});
