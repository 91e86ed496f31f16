import { sdk } from "../aws/sdk.ts";
import { tagsUnlessDeleted } from "./iam-tags.ts";
import { type DiscoverContext, type DiscoveredResource, iso, mapLimit } from "./types.ts";

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
      const tags = await tagsUnlessDeleted(
        paginateListUserTags(
          { client: iam, pageSize: context.pageSizes.iam },
          { UserName: user.UserName! },
          { abortSignal: context.signal },
        ),
      );
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
