import type { AwsIdentity } from "../aws/aws-clients.ts";
import { identityCenterInstance } from "../discoverers/identity-center.ts";
import type { DiscoverContext } from "../discoverers/types.ts";
import { DiscoveryError, describeFailure } from "../sync/discovery-error.ts";
import type { SyncDeps } from "../sync/sync-deps.ts";
import type { OrganizationTarget } from "../sync/sync-target.ts";
import { identityDirectoryRepository } from "./identity-directory.repository.ts";
import { IDENTITY_STORE_ACTIONS, readIdentityStore } from "./identity-store-reader.ts";

const DOING = "reading the IAM Identity Center directory (users, groups and memberships)";

/**
 * The organization's IAM Identity Center directory into the integration's identity source.
 * The directory is read whole before anything is written: a denied, throttled-out or
 * interrupted listing fails the scope (a Warning naming the missing permission) and leaves the
 * previous directory intact, so nobody is ever removed because a listing stopped half-way.
 * Returns how many people it holds.
 */
export async function runIdentityDirectory(
  deps: SyncDeps,
  target: OrganizationTarget,
  identity: AwsIdentity,
  where: { accountId: string; region: string },
  signal: AbortSignal,
): Promise<number> {
  const context: DiscoverContext = {
    aws: deps.runtime.aws,
    identity,
    accountId: where.accountId,
    region: where.region,
    type: "iam-identity-center-directory",
    pageSizes: deps.runtime.config.pageSizes,
    detailConcurrency: deps.runtime.config.detailConcurrency,
    signal,
  };
  let directory: Awaited<ReturnType<typeof readIdentityStore>>;
  try {
    const instance = await identityCenterInstance(context);
    directory = await readIdentityStore(context, instance.identityStoreId);
  } catch (error) {
    throw new DiscoveryError(
      describeFailure(error, {
        doing: DOING,
        accountId: where.accountId,
        region: where.region,
        caller: identity.roleArn,
        actions: IDENTITY_STORE_ACTIONS,
      }),
      { cause: error },
    );
  }
  signal.throwIfAborted();
  await identityDirectoryRepository(deps.db).replace(target.integration, directory);
  return directory.people.length;
}
