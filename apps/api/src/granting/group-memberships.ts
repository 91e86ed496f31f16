import type { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { awsErrorCode } from "../discovery/aws/aws-errors.ts";
import { sdk } from "../discovery/aws/sdk.ts";
import type { GrantTarget } from "./types.ts";

export type GroupTarget = Extract<GrantTarget, { kind: "identity-center-group" }>;

/** The membership's id, or undefined when the user is not a member. */
export async function membershipId(
  client: IdentitystoreClient,
  target: GroupTarget,
  userId: string,
): Promise<string | undefined> {
  const { GetGroupMembershipIdCommand } = await sdk.identitystore();
  try {
    const found = await client.send(
      new GetGroupMembershipIdCommand({
        IdentityStoreId: target.identityStoreId,
        GroupId: target.groupId,
        MemberId: { UserId: userId },
      }),
    );
    return found.MembershipId;
  } catch (error) {
    if (awsErrorCode(error) === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

/** Idempotent: a membership that exists (or appears meanwhile: ConflictException) counts. */
export async function addToGroup(
  client: IdentitystoreClient,
  target: GroupTarget,
  userId: string,
): Promise<void> {
  if (await membershipId(client, target, userId)) return;
  const { CreateGroupMembershipCommand } = await sdk.identitystore();
  try {
    await client.send(
      new CreateGroupMembershipCommand({
        IdentityStoreId: target.identityStoreId,
        GroupId: target.groupId,
        MemberId: { UserId: userId },
      }),
    );
  } catch (error) {
    if (awsErrorCode(error) !== "ConflictException") throw error;
  }
}

/** Idempotent: a membership already gone counts as removed. */
export async function removeFromGroup(
  client: IdentitystoreClient,
  target: GroupTarget,
  userId: string,
): Promise<void> {
  const id = await membershipId(client, target, userId);
  if (!id) return;
  const { DeleteGroupMembershipCommand } = await sdk.identitystore();
  try {
    await client.send(
      new DeleteGroupMembershipCommand({ IdentityStoreId: target.identityStoreId, MembershipId: id }),
    );
  } catch (error) {
    if (awsErrorCode(error) !== "ResourceNotFoundException") throw error;
  }
}
