import type { IAMClient, User } from "@aws-sdk/client-iam";
import { awsErrorCode } from "../discovery/aws/aws-errors.ts";
import { sdk } from "../discovery/aws/sdk.ts";
import { refused } from "./grant-failure.ts";
import { MANAGED_USER_PATH } from "./managed-user-name.ts";
import type { GrantSubject } from "./types.ts";

export const PERSON_TAG = "portcullis:person-id";

const isNoSuchEntity = (error: unknown) => awsErrorCode(error) === "NoSuchEntity";

export async function getUser(client: IAMClient, userName: string): Promise<User | undefined> {
  const { GetUserCommand } = await sdk.iam();
  try {
    return (await client.send(new GetUserCommand({ UserName: userName }))).User;
  } catch (error) {
    if (isNoSuchEntity(error)) return undefined;
    throw error;
  }
}

/**
 * The person's managed IAM user in the client's account, created under /portcullis/ (tagged with
 * the person's id) when missing. A user of that name outside /portcullis/ is someone else's: refused.
 */
export async function ensureManagedUser(
  client: IAMClient,
  userName: string,
  subject: GrantSubject,
): Promise<User> {
  const { CreateUserCommand } = await sdk.iam();
  let user = await getUser(client, userName);
  if (!user) {
    try {
      user = (
        await client.send(
          new CreateUserCommand({
            UserName: userName,
            Path: MANAGED_USER_PATH,
            Tags: [
              { Key: PERSON_TAG, Value: subject.personId },
              { Key: "portcullis:managed", Value: "true" },
            ],
          }),
        )
      ).User;
    } catch (error) {
      // Created meanwhile by a concurrent grant: use it.
      if (awsErrorCode(error) !== "EntityAlreadyExists") throw error;
      user = await getUser(client, userName);
    }
  }
  if (!user?.Arn) throw new Error(`IAM returned no user for ${userName}`);
  if (user.Path !== MANAGED_USER_PATH) {
    throw refused(
      `An IAM user named ${userName} already exists outside ${MANAGED_USER_PATH} (${user.Arn}); Portcullis does not take over users it did not create.`,
      `Rename or delete that user, or record another managed user name for this person, then retry.`,
    );
  }
  return user;
}

/**
 * The user's access key, created when it has none (the secret is returned once, by this call).
 * Keys the spine does not know of (`known`) were created by an attempt that crashed before its
 * outcome was stored: their secret is lost, so they are deleted and replaced. IAM allows two
 * keys per user; Portcullis keeps one, leaving the other slot for a rotation.
 */
export async function ensureAccessKey(
  client: IAMClient,
  userName: string,
  known: readonly string[] | undefined,
): Promise<{ accessKeyId: string; secretAccessKey: string } | undefined> {
  const { ListAccessKeysCommand, DeleteAccessKeyCommand, CreateAccessKeyCommand } = await sdk.iam();
  const listed =
    (await client.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? [];
  let kept = listed;
  if (known !== undefined) {
    kept = [];
    for (const key of listed) {
      if (key.AccessKeyId && known.includes(key.AccessKeyId)) {
        kept.push(key);
        continue;
      }
      try {
        await client.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: key.AccessKeyId }));
      } catch (error) {
        if (!isNoSuchEntity(error)) throw error;
      }
    }
  }
  if (kept.length > 0) return undefined;
  try {
    const created = (await client.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey;
    if (!created?.AccessKeyId || !created.SecretAccessKey) throw new Error("IAM returned no access key");
    return { accessKeyId: created.AccessKeyId, secretAccessKey: created.SecretAccessKey };
  } catch (error) {
    if (awsErrorCode(error) !== "LimitExceeded") throw error;
    throw refused(
      `The managed IAM user ${userName} already has IAM's limit of two access keys.`,
      "Reset the person's credentials in Portcullis (or delete a key of the user in IAM), then retry.",
    );
  }
}
