import type { IAMClient } from "@aws-sdk/client-iam";
import { classifyAwsError } from "../aws/aws-errors.ts";
import { sdk } from "../aws/sdk.ts";
import { type DiscoverContext, type DiscoveredResource, iso, mapLimit, tagMap } from "./types.ts";

type Iam = Awaited<ReturnType<typeof sdk.iam>>;

/** Tags of a user, every page; null when the user was deleted since it was listed. */
async function userTags(
  iam: IAMClient,
  paginateListUserTags: Iam["paginateListUserTags"],
  userName: string,
  context: DiscoverContext,
) {
  const tags: Array<{ Key?: string; Value?: string }> = [];
  try {
    const pages = paginateListUserTags(
      { client: iam, pageSize: context.pageSizes.iam },
      { UserName: userName },
      { abortSignal: context.signal },
    );
    for await (const page of pages) tags.push(...(page.Tags ?? []));
  } catch (error) {
    if (classifyAwsError(error) === "not-found") return null;
    throw error;
  }
  return tagMap(tags);
}

/** IAM users (ListUsers), each with its tags (ListUserTags). */
export async function* iamUsers(context: DiscoverContext): AsyncIterable<DiscoveredResource[]> {
  const iam = await context.aws.get("iam", context.identity, context.region);
  const { paginateListUsers, paginateListUserTags } = await sdk.iam();
  const pages = paginateListUsers(
    { client: iam, pageSize: context.pageSizes.iam },
    {},
    { abortSignal: context.signal },
  );
  for await (const page of pages) {
    const users = (page.Users ?? []).filter((user) => user.Arn && user.UserName);
    const found = await mapLimit(users, context.detailConcurrency, async (user) => {
      const tags = await userTags(iam, paginateListUserTags, user.UserName!, context);
      if (!tags) return null;
      return {
        type: context.type,
        externalId: user.Arn!,
        name: user.UserName!,
        accountId: context.accountId,
        region: null,
        tags,
        metadata: {
          user_id: user.UserId ?? null,
          path: user.Path ?? "/",
          created_at: iso(user.CreateDate),
          password_last_used: iso(user.PasswordLastUsed),
        },
      } satisfies DiscoveredResource;
    });
    yield found.filter((resource) => resource !== null);
  }
}
