import type { IAMClient } from "@aws-sdk/client-iam";
import { classifyAwsError } from "../aws/aws-errors.ts";
import { sdk } from "../aws/sdk.ts";
import { type DiscoverContext, type DiscoveredResource, iso, mapLimit, tagMap } from "./types.ts";

type Iam = Awaited<ReturnType<typeof sdk.iam>>;

/** Tags of a role, every page; null when the role was deleted since it was listed. */
async function roleTags(
  iam: IAMClient,
  paginateListRoleTags: Iam["paginateListRoleTags"],
  roleName: string,
  context: DiscoverContext,
) {
  const tags: Array<{ Key?: string; Value?: string }> = [];
  try {
    const pages = paginateListRoleTags(
      { client: iam, pageSize: context.pageSizes.iam },
      { RoleName: roleName },
      { abortSignal: context.signal },
    );
    for await (const page of pages) tags.push(...(page.Tags ?? []));
  } catch (error) {
    if (classifyAwsError(error) === "not-found") return null;
    throw error;
  }
  return tagMap(tags);
}

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
      const tags = await roleTags(iam, paginateListRoleTags, role.RoleName!, context);
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
