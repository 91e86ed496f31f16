import type { IAMClient } from "@aws-sdk/client-iam";
import { awsErrorCode } from "../discovery/aws/aws-errors.ts";
import { sdk } from "../discovery/aws/sdk.ts";
import { isPolicyTarget, type PolicyTarget, policyDocumentFor } from "./iam-policies.ts";
import { ensureAccessKey, ensureManagedUser, getUser } from "./managed-users.ts";
import { policyNameFor } from "./target-key.ts";
import type { GrantDetail, GrantSubject, GrantTarget } from "./types.ts";

export type IamTarget = Extract<
  GrantTarget,
  { kind: "iam-role" | "iam-group" | "s3-bucket" | "ec2-instance" | "rds-instance" }
>;

export function isIamTarget(target: GrantTarget): target is IamTarget {
  return target.kind === "iam-group" || isPolicyTarget(target);
}

const ignoreNoSuchEntity = (error: unknown) => {
  if (awsErrorCode(error) !== "NoSuchEntity") throw error;
};

/** JSON with sorted keys, so two documents that mean the same compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** IAM returns policy documents URL-encoded (moto sometimes does not). */
function parseDocument(text: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(text));
  } catch {
    return JSON.parse(text);
  }
}

/**
 * Grants on the person's managed IAM user (one per person per account): an inline policy per
 * target, named from its key, or membership of an IAM group. All idempotent.
 */
export async function grantIam(
  client: IAMClient,
  userName: string,
  subject: GrantSubject,
  target: IamTarget,
  partition: string,
): Promise<GrantDetail> {
  // Built first: a target that would widen the policy fails before anything is created.
  const document = isPolicyTarget(target) ? policyDocumentFor(target, partition) : undefined;
  const user = await ensureManagedUser(client, userName, subject);
  const { PutUserPolicyCommand, AddUserToGroupCommand } = await sdk.iam();
  if (target.kind === "iam-group") {
    // Adding a member twice is not an error in IAM.
    await client.send(new AddUserToGroupCommand({ GroupName: target.groupName, UserName: userName }));
  } else {
    await client.send(
      new PutUserPolicyCommand({
        UserName: userName,
        PolicyName: policyNameFor(target),
        PolicyDocument: JSON.stringify(document),
      }),
    );
  }
  const accessKey = await ensureAccessKey(client, userName, subject.managedUser?.accessKeyIds);
  return { managedUserName: userName, managedUserArn: user.Arn, ...(accessKey ? { accessKey } : {}) };
}

/** Idempotent: a user, policy or membership already gone counts as revoked. The user and its key stay. */
export async function revokeIam(client: IAMClient, userName: string, target: IamTarget): Promise<void> {
  const { DeleteUserPolicyCommand, RemoveUserFromGroupCommand } = await sdk.iam();
  if (!(await getUser(client, userName))) return;
  if (target.kind === "iam-group") {
    await client
      .send(new RemoveUserFromGroupCommand({ GroupName: target.groupName, UserName: userName }))
      .catch(ignoreNoSuchEntity);
    return;
  }
  await client
    .send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName: policyNameFor(target) }))
    .catch(ignoreNoSuchEntity);
}

/**
 * Takes back access a managed user holds that no grant holds (the reconciler names it from the
 * inventory): its `portcullis-…` inline policies and its group memberships. Gone already is fine.
 */
export async function removeIamAccess(
  client: IAMClient,
  userName: string,
  access: { policyNames: string[]; groupNames: string[] },
): Promise<void> {
  const { DeleteUserPolicyCommand, RemoveUserFromGroupCommand } = await sdk.iam();
  for (const PolicyName of access.policyNames) {
    if (!PolicyName.startsWith("portcullis-")) continue; // never another tool's policy
    await client
      .send(new DeleteUserPolicyCommand({ UserName: userName, PolicyName }))
      .catch(ignoreNoSuchEntity);
  }
  for (const GroupName of access.groupNames) {
    await client
      .send(new RemoveUserFromGroupCommand({ GroupName, UserName: userName }))
      .catch(ignoreNoSuchEntity);
  }
}

/** The membership, or the inline policy with exactly the document Portcullis wrote (a widened one is not "present"). */
export async function iamGrantPresent(
  client: IAMClient,
  userName: string,
  target: IamTarget,
  partition: string,
): Promise<boolean> {
  const { GetUserPolicyCommand, paginateListGroupsForUser } = await sdk.iam();
  if (!(await getUser(client, userName))) return false;
  if (target.kind === "iam-group") {
    for await (const page of paginateListGroupsForUser({ client }, { UserName: userName })) {
      if ((page.Groups ?? []).some((g) => g.GroupName === target.groupName)) return true;
    }
    return false;
  }
  const expected = policyDocumentFor(target as PolicyTarget, partition);
  try {
    const found = await client.send(
      new GetUserPolicyCommand({ UserName: userName, PolicyName: policyNameFor(target) }),
    );
    return (
      found.PolicyDocument !== undefined &&
      canonical(parseDocument(found.PolicyDocument)) === canonical(expected)
    );
  } catch (error) {
    if (awsErrorCode(error) === "NoSuchEntity") return false;
    throw error;
  }
}
