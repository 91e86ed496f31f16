import { sdk } from "../aws/sdk.ts";
import { tagsUnlessDeleted } from "./iam-tags.ts";
import { type DiscoverContext, type DiscoveredResource, iso, mapLimit } from "./types.ts";

/** IAM roles (ListRoles), each with its tags (ListRoleTags). */
export async function* iamRoles(context: DiscoverContext): AsyncIterable<DiscoveredResource[]> {
  const iam = await context.aws.get("iam", context.identity, context.region);
  const { paginateListRoles, paginateListRoleTags } = await sdk.iam();
  const pages = paginateListRoles(
    { client: iam, pageSize: context.pageSizes.iam },
    {},
    { abortSignal: context.signal },
  );
  for await (const page of pages) {
    const roles = (page.Roles ?? []).filter((role) => role.Arn && role.RoleName);
    const found = await mapLimit(roles, context.detailConcurrency, async (role) => {
      const tags = await tagsUnlessDeleted(
        paginateListRoleTags(
          { client: iam, pageSize: context.pageSizes.iam },
          { RoleName: role.RoleName! },
          { abortSignal: context.signal },
        ),
      );
      if (!tags) return null;
      return {
        type: context.type,
        externalId: role.Arn!,
        name: role.RoleName!,
        accountId: context.accountId,
        region: null,
        tags,
        metadata: {
          role_id: role.RoleId ?? null,
          path: role.Path ?? "/",
          description: role.Description ?? null,
          created_at: iso(role.CreateDate),
          max_session_duration: role.MaxSessionDuration ?? null,
        },
      } satisfies DiscoveredResource;
    });
    yield found.filter((resource) => resource !== null);
  }
}
