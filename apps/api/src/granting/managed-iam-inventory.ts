import type { IAMClient } from "@aws-sdk/client-iam";
import { sdk } from "../discovery/aws/sdk.ts";
import { MANAGED_USER_PATH } from "./managed-user-name.ts";
import { PERSON_TAG } from "./managed-users.ts";

/** One managed IAM user and what it holds, as AWS has it now. */
export type ManagedIamUser = {
  userName: string;
  userArn: string;
  /** From the user's `portcullis:person-id` tag. */
  personId?: string;
  /** Its inline policies named `portcullis-…` (one per granted target: compare with policyNameFor). */
  policyNames: string[];
  groupNames: string[];
  accessKeyIds: string[];
};

/**
 * Every IAM user under /portcullis/ in the client's account with its policies, groups and keys,
 * for the reconciler: a policy or membership no live grant holds is access to take back.
 */
export async function listManagedIamUsers(client: IAMClient): Promise<ManagedIamUser[]> {
  const {
    paginateListUsers,
    paginateListUserPolicies,
    paginateListGroupsForUser,
    ListUserTagsCommand,
    ListAccessKeysCommand,
  } = await sdk.iam();
  const users: ManagedIamUser[] = [];
  for await (const page of paginateListUsers({ client, pageSize: 1000 }, { PathPrefix: MANAGED_USER_PATH })) {
    for (const user of page.Users ?? []) {
      if (!user.UserName || !user.Arn) continue;
      const UserName = user.UserName;
      const policyNames: string[] = [];
      for await (const p of paginateListUserPolicies({ client }, { UserName })) {
        policyNames.push(...(p.PolicyNames ?? []).filter((name) => name.startsWith("portcullis-")));
      }
      const groupNames: string[] = [];
      for await (const g of paginateListGroupsForUser({ client }, { UserName })) {
        groupNames.push(...(g.Groups ?? []).flatMap((group) => (group.GroupName ? [group.GroupName] : [])));
      }
      const tags = (await client.send(new ListUserTagsCommand({ UserName }))).Tags ?? [];
      const keys = (await client.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata ?? [];
      users.push({
        userName: UserName,
        userArn: user.Arn,
        personId: tags.find((tag) => tag.Key === PERSON_TAG)?.Value,
        policyNames,
        groupNames,
        accessKeyIds: keys.flatMap((key) => (key.AccessKeyId ? [key.AccessKeyId] : [])),
      });
    }
  }
  return users;
}
