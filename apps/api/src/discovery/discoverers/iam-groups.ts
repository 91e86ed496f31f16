import { sdk } from "../aws/sdk.ts";
import { type DiscoverContext, type DiscoveredResource, iso } from "./types.ts";

/** IAM groups (ListGroups). IAM groups cannot be tagged, so their tags are always empty. */
export async function* iamGroups(context: DiscoverContext): AsyncIterable<DiscoveredResource[]> {
  const iam = await context.aws.get("iam", context.identity, context.region);
  const { paginateListGroups } = await sdk.iam();
  const pages = paginateListGroups(
    { client: iam, pageSize: context.pageSizes.iam },
    {},
    { abortSignal: context.signal },
  );
  for await (const page of pages) {
    yield (page.Groups ?? [])
      .filter((group) => group.Arn && group.GroupName)
      .map((group) => ({
        type: context.type,
        externalId: group.Arn!,
        name: group.GroupName!,
        accountId: context.accountId,
        region: null,
        tags: {},
        metadata: {
          group_id: group.GroupId ?? null,
          path: group.Path ?? "/",
          created_at: iso(group.CreateDate),
        },
      }));
  }
}
