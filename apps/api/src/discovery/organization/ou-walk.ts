import type { Account } from "@aws-sdk/client-organizations";
import type { AwsClients, AwsIdentity } from "../aws/aws-clients.ts";
import { sdk } from "../aws/sdk.ts";
import type { PageSizes } from "../discovery-config.ts";

export type FoundAccount = {
  id: string;
  arn: string | null;
  name: string;
  email: string | null;
  status: string | null;
  joinedMethod: string | null;
  joinedAt: Date | null;
  ouId: string;
  /** Names from the root down, e.g. "Root/Production/Data". */
  ouPath: string;
};

export type WalkContext = {
  aws: AwsClients;
  /** The management account role's identity. */
  identity: AwsIdentity;
  region: string;
  pageSizes: PageSizes;
  signal: AbortSignal;
};

export type WalkResult = { accounts: number; excludedOus: string[] };

type Parent = { id: string; path: string };

/** Parents listed at once: the Organizations limiter paces the calls, this keeps it fed. */
const PARENTS_IN_FLIGHT = 3;

function toFound(account: Account, parent: Parent): FoundAccount | null {
  if (!account.Id) return null;
  return {
    id: account.Id,
    arn: account.Arn ?? null,
    name: account.Name ?? account.Id,
    email: account.Email ?? null,
    status: account.State ?? account.Status ?? null,
    joinedMethod: account.JoinedMethod ?? null,
    joinedAt: account.JoinedTimestamp ?? null,
    ouId: parent.id,
    ouPath: parent.path,
  };
}

/**
 * Walks the organization from its root, breadth first. An excluded OU is never listed, so
 * nothing inside it (sub-OUs, accounts) is ever called for. Accounts are handed to
 * `onAccounts` page by page, as soon as they are found.
 */
export async function walkOrganization(
  context: WalkContext,
  excluded: ReadonlySet<string>,
  onAccounts: (accounts: FoundAccount[]) => Promise<void>,
): Promise<WalkResult> {
  const client = await context.aws.get("organizations", context.identity, context.region);
  const { paginateListAccountsForParent, paginateListOrganizationalUnitsForParent, paginateListRoots } =
    await sdk.organizations();
  const send = { abortSignal: context.signal };
  const size = context.pageSizes.organizations;
  const queue: Parent[] = [];
  for await (const page of paginateListRoots({ client, pageSize: size }, {}, send)) {
    for (const root of page.Roots ?? []) if (root.Id) queue.push({ id: root.Id, path: root.Name ?? "Root" });
  }

  let accounts = 0;
  const excludedOus: string[] = [];
  const visit = async (parent: Parent) => {
    const listAccounts = (async () => {
      const pages = paginateListAccountsForParent({ client, pageSize: size }, { ParentId: parent.id }, send);
      for await (const page of pages) {
        const found = (page.Accounts ?? []).flatMap((account) => toFound(account, parent) ?? []);
        accounts += found.length;
        if (found.length > 0) await onAccounts(found);
      }
    })();
    const listOus = (async () => {
      const pages = paginateListOrganizationalUnitsForParent(
        { client, pageSize: size },
        { ParentId: parent.id },
        send,
      );
      for await (const page of pages) {
        for (const ou of page.OrganizationalUnits ?? []) {
          if (!ou.Id) continue;
          if (excluded.has(ou.Id)) excludedOus.push(ou.Id);
          else queue.push({ id: ou.Id, path: `${parent.path}/${ou.Name ?? ou.Id}` });
        }
      }
    })();
    await Promise.all([listAccounts, listOus]);
  };

  // A small pool over a growing queue: each finished parent may add children. The first
  // failure stops new visits; the ones in flight are waited for, then it is thrown.
  const active = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  while ((queue.length > 0 && !failure) || active.size > 0) {
    while (queue.length > 0 && !failure && active.size < PARENTS_IN_FLIGHT) {
      const parent = queue.shift()!;
      const task: Promise<void> = visit(parent)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => active.delete(task));
      active.add(task);
    }
    if (active.size > 0) await Promise.race(active);
  }
  if (failure) throw failure.error;
  return { accounts, excludedOus };
}
