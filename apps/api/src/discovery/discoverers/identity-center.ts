import { sdk } from "../aws/sdk.ts";
import { DiscoveryError } from "../sync/discovery-error.ts";
import { type DiscoverContext, type DiscoveredResource, iso, mapLimit } from "./types.ts";

export type IdentityCenterInstance = { instanceArn: string; identityStoreId: string };

/** The IAM Identity Center instance of the SSO region (ListInstances); an error with the fix when there is none. */
export async function identityCenterInstance(context: DiscoverContext): Promise<IdentityCenterInstance> {
  const sso = await context.aws.get("sso-admin", context.identity, context.region);
  const { paginateListInstances } = await sdk["sso-admin"]();
  const pages = paginateListInstances(
    { client: sso, pageSize: context.pageSizes.sso },
    {},
    { abortSignal: context.signal },
  );
  for await (const page of pages) {
    const instance = (page.Instances ?? []).find((i) => i.InstanceArn && i.IdentityStoreId);
    if (instance) return { instanceArn: instance.InstanceArn!, identityStoreId: instance.IdentityStoreId! };
  }
  throw new DiscoveryError({
    code: "IdentityCenterNotFound",
    message: `IAM Identity Center has no instance in ${context.region} for account ${context.accountId}.`,
    fix: `Enable IAM Identity Center in ${context.region}, or set "AWS SSO Region" to the region where it is enabled.`,
    retryable: false,
  });
}

/** Permission sets of IAM Identity Center (ListPermissionSets + DescribePermissionSet). */
export async function* permissionSets(context: DiscoverContext): AsyncIterable<DiscoveredResource[]> {
  const instance = await identityCenterInstance(context);
  const sso = await context.aws.get("sso-admin", context.identity, context.region);
  const { DescribePermissionSetCommand, paginateListPermissionSets } = await sdk["sso-admin"]();
  const pages = paginateListPermissionSets(
    { client: sso, pageSize: context.pageSizes.sso },
    { InstanceArn: instance.instanceArn },
    { abortSignal: context.signal },
  );
  for await (const page of pages) {
    yield await mapLimit(page.PermissionSets ?? [], context.detailConcurrency, async (arn) => {
      const { PermissionSet: set } = await sso.send(
        new DescribePermissionSetCommand({ InstanceArn: instance.instanceArn, PermissionSetArn: arn }),
        { abortSignal: context.signal },
      );
      return {
        type: context.type,
        externalId: arn,
        name: set?.Name ?? arn,
        accountId: context.accountId,
        region: context.region,
        tags: {},
        metadata: {
          instance_arn: instance.instanceArn,
          // Granting a permission set (an account assignment) names the identity store's user.
          identity_store_id: instance.identityStoreId,
          description: set?.Description ?? null,
          session_duration: set?.SessionDuration ?? null,
          relay_state: set?.RelayState ?? null,
          created_at: iso(set?.CreatedDate),
        },
      };
    });
  }
}

/** Groups of the Identity Center's identity store (identitystore:ListGroups). */
export async function* identityCenterGroups(context: DiscoverContext): AsyncIterable<DiscoveredResource[]> {
  const instance = await identityCenterInstance(context);
  const store = await context.aws.get("identitystore", context.identity, context.region);
  const { paginateListGroups } = await sdk.identitystore();
  const pages = paginateListGroups(
    { client: store, pageSize: context.pageSizes.sso },
    { IdentityStoreId: instance.identityStoreId },
    { abortSignal: context.signal },
  );
  for await (const page of pages) {
    yield (page.Groups ?? [])
      .filter((group) => group.GroupId)
      .map((group) => ({
        type: context.type,
        externalId: `arn:aws:identitystore:::group/${group.GroupId}`,
        name: group.DisplayName ?? group.GroupId!,
        accountId: context.accountId,
        region: context.region,
        tags: {},
        metadata: {
          group_id: group.GroupId,
          identity_store_id: instance.identityStoreId,
          description: group.Description ?? null,
        },
      }));
  }
}
