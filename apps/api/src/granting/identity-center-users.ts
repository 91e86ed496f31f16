import type { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { awsErrorCode } from "../discovery/aws/aws-errors.ts";
import { sdk } from "../discovery/aws/sdk.ts";
import { refused } from "./grant-failure.ts";
import type { GrantSubject } from "./types.ts";

/**
 * The subject's Identity Center user id: identitystore:GetUserId by userName, else by email
 * (a person synced from another source may have a different user name in Identity Center).
 * Undefined when neither finds one.
 */
export async function findIdentityCenterUser(
  client: IdentitystoreClient,
  identityStoreId: string,
  subject: GrantSubject,
): Promise<string | undefined> {
  const { GetUserIdCommand } = await sdk.identitystore();
  const attempts: Array<[string, string]> = [["userName", subject.userName]];
  if (subject.email) attempts.push(["emails.value", subject.email]);
  for (const [path, value] of attempts) {
    try {
      const found = await client.send(
        new GetUserIdCommand({
          IdentityStoreId: identityStoreId,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: path, AttributeValue: value } },
        }),
      );
      if (found.UserId) return found.UserId;
    } catch (error) {
      if (awsErrorCode(error) !== "ResourceNotFoundException") throw error;
    }
  }
  return undefined;
}

/** As findIdentityCenterUser, but a missing user is a failure that says what to do. */
export async function requireIdentityCenterUser(
  client: IdentitystoreClient,
  identityStoreId: string,
  subject: GrantSubject,
): Promise<string> {
  const userId = await findIdentityCenterUser(client, identityStoreId, subject);
  if (userId) return userId;
  throw refused(
    `No Identity Center user has the user name ${subject.userName} or the email ${subject.email} in identity store ${identityStoreId}.`,
    "Add the person to IAM Identity Center (or let its identity source sync them), then retry the request.",
  );
}
