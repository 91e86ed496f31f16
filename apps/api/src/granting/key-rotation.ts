import type { IAMClient } from "@aws-sdk/client-iam";
import { awsErrorCode } from "../discovery/aws/aws-errors.ts";
import { sdk } from "../discovery/aws/sdk.ts";
import { refused } from "./grant-failure.ts";
import { MANAGED_USER_PATH } from "./managed-user-name.ts";
import { getUser } from "./managed-users.ts";

// Rotating a managed IAM user's access key within IAM's limit of two keys per user, in two
// idempotent halves with the caller's record of the new key in between:
//   1. createReplacementKey: keys the caller does not know of (a crashed attempt's, whose secret
//      is lost) are removed, then one new key is created — the old one still works meanwhile;
//   2. (the caller stores the new key and which key it retires)
//   3. retireKeysExcept: every other key is deactivated, then deleted.
// A failure anywhere leaves a usable key: before 2 the old one, after it the new one; running a
// half again from any state (two keys, the old one inactive, one already gone) finishes it.

export type AccessKeyInfo = { accessKeyId: string; status: "Active" | "Inactive"; createdAt?: Date };
export type NewAccessKey = { accessKeyId: string; secretAccessKey: string; createdAt: Date };

const ignoreNoSuchEntity = (error: unknown) => {
  if (awsErrorCode(error) !== "NoSuchEntity") throw error;
};

/** IAM's quota of access keys per user. */
const KEYS_PER_USER = 2;

const atLimit = (userName: string) =>
  refused(
    `The managed IAM user ${userName} already has IAM's limit of two access keys, both known to Portcullis.`,
    "The rotation is retried once the older key is retired; if it keeps failing, delete the older key of the user in IAM.",
    true,
  );

export async function listAccessKeys(client: IAMClient, userName: string): Promise<AccessKeyInfo[]> {
  const { ListAccessKeysCommand } = await sdk.iam();
  const listed =
    (await client.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? [];
  return listed.flatMap((key) =>
    key.AccessKeyId
      ? [
          {
            accessKeyId: key.AccessKeyId,
            status: key.Status === "Inactive" ? ("Inactive" as const) : ("Active" as const),
            ...(key.CreateDate ? { createdAt: new Date(key.CreateDate) } : {}),
          },
        ]
      : [],
  );
}

/** Deactivated first, so a key whose delete fails can no longer be used anyway. Gone counts as done. */
async function retireKey(client: IAMClient, userName: string, key: AccessKeyInfo): Promise<void> {
  const { UpdateAccessKeyCommand, DeleteAccessKeyCommand } = await sdk.iam();
  if (key.status === "Active") {
    await client
      .send(
        new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: key.accessKeyId, Status: "Inactive" }),
      )
      .catch(ignoreNoSuchEntity);
  }
  await client
    .send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: key.accessKeyId }))
    .catch(ignoreNoSuchEntity);
}

/**
 * Step 1: a new key for the user, next to the current one. Keys other than `known` (the ones the
 * caller stored) are retired first: their secrets are lost, and they would take IAM's second slot.
 * When `known` already holds two keys the user is at IAM's limit and nothing is created.
 */
export async function createReplacementKey(
  client: IAMClient,
  userName: string,
  known: readonly string[],
): Promise<NewAccessKey> {
  const { CreateAccessKeyCommand } = await sdk.iam();
  if (!(await getUser(client, userName))) {
    throw refused(
      `The managed IAM user ${userName} no longer exists in AWS, so its key cannot be rotated.`,
      "Request the access again: the next grant creates the user and a new key.",
    );
  }
  const keys = await listAccessKeys(client, userName);
  let kept = 0;
  for (const key of keys) {
    if (known.includes(key.accessKeyId)) kept++;
    else await retireKey(client, userName, key);
  }
  // Checked before calling: IAM's LimitExceeded is retried by the SDK as if it were throttling.
  if (kept >= KEYS_PER_USER) throw atLimit(userName);
  try {
    const created = (await client.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey;
    if (!created?.AccessKeyId || !created.SecretAccessKey) throw new Error("IAM returned no access key");
    return {
      accessKeyId: created.AccessKeyId,
      secretAccessKey: created.SecretAccessKey,
      createdAt: created.CreateDate ? new Date(created.CreateDate) : new Date(),
    };
  } catch (error) {
    // A key created meanwhile by someone else.
    if (awsErrorCode(error) !== "LimitExceeded") throw error;
    throw atLimit(userName);
  }
}

/**
 * The key to keep is not in IAM (e.g. a concurrent grant deleted it as unknown before it was
 * stored): retiring the others would leave the user without a key, so nothing is retired.
 */
export class KeyToKeepMissing extends Error {
  constructor(
    readonly userName: string,
    readonly accessKeyId: string,
    /** The keys IAM has (with their creation dates), so the caller can go back to the old one. */
    readonly keys: AccessKeyInfo[],
  ) {
    super(`The new access key ${accessKeyId} of ${userName} is not in IAM; the old key is kept.`);
  }
}

/** Step 3: every key of the user but `keep` is deactivated, then deleted. Idempotent. */
export async function retireKeysExcept(client: IAMClient, userName: string, keep: string): Promise<string[]> {
  if (!(await getUser(client, userName))) return [];
  const keys = await listAccessKeys(client, userName);
  if (!keys.some((key) => key.accessKeyId === keep)) throw new KeyToKeepMissing(userName, keep, keys);
  const retired: string[] = [];
  for (const key of keys) {
    if (key.accessKeyId === keep) continue;
    await retireKey(client, userName, key);
    retired.push(key.accessKeyId);
  }
  return retired;
}

/**
 * Cleanup: the managed user with its keys, inline policies and group memberships, then the user.
 * Idempotent (a user already gone counts as deleted). Only users under /portcullis/ are touched.
 */
export async function deleteManagedUser(client: IAMClient, userName: string): Promise<"deleted" | "absent"> {
  const {
    paginateListUserPolicies,
    paginateListGroupsForUser,
    DeleteUserPolicyCommand,
    RemoveUserFromGroupCommand,
    DeleteUserCommand,
  } = await sdk.iam();
  const user = await getUser(client, userName);
  if (!user) return "absent";
  if (user.Path !== MANAGED_USER_PATH) {
    throw refused(
      `The IAM user ${userName} is not under ${MANAGED_USER_PATH} (${user.Arn}); Portcullis deletes only users it created.`,
      "Forget the managed user in Portcullis, or delete the IAM user yourself.",
    );
  }
  for (const key of await listAccessKeys(client, userName)) await retireKey(client, userName, key);
  for await (const page of paginateListUserPolicies({ client }, { UserName: userName })) {
    for (const PolicyName of page.PolicyNames ?? []) {
      await client
        .send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName }))
        .catch(ignoreNoSuchEntity);
    }
  }
  for await (const page of paginateListGroupsForUser({ client }, { UserName: userName })) {
    for (const group of page.Groups ?? []) {
      if (!group.GroupName) continue;
      await client
        .send(new RemoveUserFromGroupCommand({ UserName: userName, GroupName: group.GroupName }))
        .catch(ignoreNoSuchEntity);
    }
  }
  try {
    await client.send(new DeleteUserCommand({ UserName: userName }));
  } catch (error) {
    if (awsErrorCode(error) === "NoSuchEntity") return "absent";
    throw error;
  }
  return "deleted";
}
