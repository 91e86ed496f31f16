import type { AwsIdentity } from "../aws/aws-clients.ts";
import { awsErrorCode } from "../aws/aws-errors.ts";
import { sdk } from "../aws/sdk.ts";
import type { DiscoveredResource } from "../discoverers/types.ts";
import { mapLimit, tagMap } from "../discoverers/types.ts";
import { DiscoveryError, describeFailure } from "../sync/discovery-error.ts";
import type { ResourceWriter } from "../sync/resource-writer.ts";
import {
  memberScope,
  memberTypes,
  ORGANIZATION_ACCOUNT_TYPE,
  ORGANIZATION_TREE_KEY,
} from "../sync/scope-plan.ts";
import type { SyncDeps } from "../sync/sync-deps.ts";
import type { SyncStore } from "../sync/sync-store.ts";
import type { OrganizationTarget } from "../sync/sync-target.ts";
import { type FoundAccount, type WalkContext, walkOrganization } from "./ou-walk.ts";

const WALK_ACTIONS = [
  "organizations:ListRoots",
  "organizations:ListOrganizationalUnitsForParent",
  "organizations:ListAccountsForParent",
  "organizations:ListTagsForResource",
];

async function accountTags(context: WalkContext, accountId: string): Promise<Record<string, string>> {
  const client = await context.aws.get("organizations", context.identity, context.region);
  const { paginateListTagsForResource } = await sdk.organizations();
  const tags: Array<{ Key?: string; Value?: string }> = [];
  const pages = paginateListTagsForResource(
    { client },
    { ResourceId: accountId },
    { abortSignal: context.signal },
  );
  for await (const page of pages) tags.push(...(page.Tags ?? []));
  return tagMap(tags);
}

function accountResource(
  account: FoundAccount,
  tags: Record<string, string>,
  management: string,
): DiscoveredResource {
  return {
    type: ORGANIZATION_ACCOUNT_TYPE,
    externalId: account.arn ?? `arn:aws:organizations::${management}:account/${account.id}`,
    name: account.name,
    accountId: account.id,
    region: null,
    tags,
    metadata: {
      email: account.email,
      status: account.status,
      ou_id: account.ouId,
      ou_path: account.ouPath,
      joined_method: account.joinedMethod,
      joined_at: account.joinedAt?.toISOString() ?? null,
      management_account: account.id === management,
    },
  };
}

/** An excluded OU the walk never met: a typo would sync the accounts meant to be excluded. */
export function missingOusWarning(missing: string[]): string {
  const list = missing.join(", ");
  return `The organization has no OU ${list} (in Exclude Organization Unit IDs), so nothing was excluded by ${missing.length === 1 ? "it" : "them"}. Correct the OU IDs, or remove ${missing.length === 1 ? "it" : "them"}, and fetch again.`;
}

/**
 * The organization scope: walks the OU tree (skipping excluded OUs and everything under
 * them), creates and queues a scope for each active account the moment its page comes back,
 * and stores the accounts with their OU path and tags.
 */
export async function runOrganizationTree(
  deps: SyncDeps,
  store: SyncStore,
  target: OrganizationTarget,
  run: { runId: string; identity: AwsIdentity; withAccounts: boolean },
  writer: ResourceWriter,
  signal: AbortSignal,
): Promise<void> {
  const management = run.identity.accountId ?? "";
  const types = memberTypes(target);
  const context: WalkContext = {
    aws: deps.runtime.aws,
    identity: run.identity,
    region: target.region,
    pageSizes: deps.runtime.config.pageSizes,
    signal,
  };
  await store.resetAccountsFound(run.runId);
  // Tags are read beside the walk, not inside it: the walk never waits on them, so every
  // account's scope is queued as soon as its page comes back and runs while the organization's
  // quota is spent on tags. Pages are tagged one after another, two calls in flight (AWS allows
  // one per API; the second waits for its token, keeping that slot busy).
  let tagging = Promise.resolve();
  let tagFailure: { error: unknown } | undefined;
  try {
    const walked = await walkOrganization(context, target.excludedOus, async (accounts) => {
      const active = accounts.filter((account) => !account.status || account.status === "ACTIVE");
      const scopes = types.length > 0 ? active.map((account) => memberScope(account, types)) : [];
      await store.addScopes(run.runId, scopes, { accountsFound: accounts.length });
      if (!run.withAccounts) return;
      tagging = tagging
        .then(async () => {
          if (tagFailure || signal.aborted) return;
          const resources = await mapLimit(accounts, 2, async (account) =>
            accountResource(account, await accountTags(context, account.id), management),
          );
          await writer.add(resources);
        })
        .catch((error: unknown) => {
          tagFailure ??= { error };
        });
    });
    await tagging;
    if (tagFailure) throw tagFailure.error;
    const missing = [...target.excludedOus].filter((ou) => !walked.excludedOus.includes(ou));
    if (missing.length > 0)
      await store.warnScope(run.runId, ORGANIZATION_TREE_KEY, missingOusWarning(missing));
  } catch (error) {
    // Nothing keeps calling AWS once the scope has failed.
    tagFailure ??= { error };
    await tagging;
    if (error instanceof DiscoveryError) throw error;
    const failure = describeFailure(error, {
      doing: "walking the organization's OUs and accounts",
      accountId: management,
      resourceType: ORGANIZATION_ACCOUNT_TYPE,
      caller: run.identity.roleArn,
      actions: WALK_ACTIONS,
    });
    const code = awsErrorCode(error);
    if (code === "AWSOrganizationsNotInUseException") {
      failure.message = `Account ${management} is not part of an AWS organization.`;
      failure.fix =
        "Use the ARN of a role in your organization's management account, or create an Amazon Account integration for this account instead.";
    } else if (code === "AccessDeniedException" || code === "AccessDenied") {
      failure.fix = `${failure.fix} The role must be in the organization's management account.`;
    }
    throw new DiscoveryError(failure, { cause: error });
  }
}
