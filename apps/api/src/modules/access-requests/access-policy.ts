import type {
  TApproverPolicy,
  TCondition,
  TIntegrationAccessTarget,
  TResourcesScope,
} from "@portcullis/shared";
import type pg from "pg";
import type { DirectorySource } from "../../core/directory-sources.ts";
import { resolveOwnerValues } from "../../core/owner-resolution.ts";
import { ownerRules, resolveResourceOwners } from "../../core/resource-owners.ts";
import type { StoredRequestors } from "../access-flows/access-flow.mapper.ts";
import type { LivePerson } from "./access-request.repository.ts";

// Who may request (requestors), which resources a target covers (resource scopes), and who may
// approve (approver policy), all against the directory as it is now: only live people count.

/** How a person is named in owner and approver sets: email, else user name, lower-cased. */
export function personKey(person: Pick<LivePerson, "email" | "userName">): string {
  return (person.email ?? person.userName).toLowerCase();
}

/** The keys of the live people each condition names (users, or groups' live members). */
async function conditionKeys(pool: pg.Pool, conditions: readonly TCondition[]): Promise<Set<string>[]> {
  const rules = conditions.map((condition) => ({
    lookup: {
      attribute: condition.type === "group" ? ("group" as const) : ("user" as const),
      sourceId: condition.source_integration_id,
    },
    values: condition.type === "Owner" ? [] : (condition.values ?? []),
  }));
  const found = await resolveOwnerValues(pool, rules);
  return found.map((map) => new Set([...map.values()].flat().map((owner) => owner.owner.toLowerCase())));
}

/** Does the requester (their live people's keys) match the flow's requestors? None listed: anyone. */
export async function requestorMatches(
  pool: pg.Pool,
  requestors: StoredRequestors,
  requesterKeys: ReadonlySet<string>,
): Promise<boolean> {
  if (requestors.conditions.length === 0) return true;
  const sets = await conditionKeys(pool, requestors.conditions);
  const hits = sets.map((set) => [...requesterKeys].some((key) => set.has(key)));
  return requestors.logical_operator === "AND" ? hits.every(Boolean) : hits.some(Boolean);
}

export type ScopedResource = { id: string; name: string; tags: unknown };

function scopeMatches(scope: TResourcesScope, resource: ScopedResource): boolean {
  const values = scope.values.map((value) => value.toLowerCase());
  switch (scope.type) {
    case "APONO_ID":
      return values.includes(resource.id.toLowerCase());
    case "NAME":
      return values.includes(resource.name.toLowerCase());
    case "TAG": {
      const tags = (resource.tags ?? {}) as Record<string, string>;
      const key = Object.keys(tags).find((k) => k.toLowerCase() === scope.key?.toLowerCase());
      const value = key === undefined ? undefined : tags[key];
      return value !== undefined && values.includes(String(value).toLowerCase());
    }
  }
}

/** Include scopes: the resource must match one; exclude scopes: it must match none. */
export function inScopes(
  target: Pick<TIntegrationAccessTarget, "resources_scopes">,
  resource: ScopedResource,
): boolean {
  const scopes = target.resources_scopes ?? [];
  const includes = scopes.filter((scope) => scope.scope_mode === "include_resources");
  if (includes.length > 0 && !includes.some((scope) => scopeMatches(scope, resource))) return false;
  return !scopes.some((scope) => scope.scope_mode === "exclude_resources" && scopeMatches(scope, resource));
}

/**
 * One condition of an approver group, resolved: every set must be hit by an approval (an `Owner`
 * condition has one set per resource of the request, so each resource's owner approves its own).
 */
export type Requirement = { condition: TCondition; sets: Set<string>[] };
export type ResolvedPolicy = {
  mode: "ANY_OF" | "ALL_OF";
  groups: Array<{ operator: "AND" | "OR"; requirements: Requirement[] }>;
};

export type OwnedResource = {
  tags: unknown;
  integration: { owner: unknown; ownersMapping: unknown };
};

/** The approver policy resolved to live people's keys, minus `exclude` (the requester, when barred). */
export async function resolvePolicy(
  pool: pg.Pool,
  policy: TApproverPolicy,
  resources: readonly OwnedResource[],
  sources: readonly DirectorySource[],
  exclude: ReadonlySet<string>,
): Promise<ResolvedPolicy> {
  const ownerSets: Set<string>[] = [];
  const needsOwners = policy.approver_groups.some((group) => group.approvers.some((a) => a.type === "Owner"));
  if (needsOwners) {
    for (const resource of resources) {
      const [owners] = await resolveResourceOwners(pool, ownerRules(resource.integration, sources), [
        (resource.tags ?? {}) as Record<string, string>,
      ]);
      ownerSets.push(new Set((owners?.owners ?? []).map((owner) => owner.toLowerCase())));
    }
  }
  const without = (set: Set<string>) => new Set([...set].filter((key) => !exclude.has(key)));
  const groups: ResolvedPolicy["groups"] = [];
  for (const group of policy.approver_groups) {
    const keys = await conditionKeys(pool, group.approvers);
    groups.push({
      operator: group.logical_operator,
      requirements: group.approvers.map((condition, index) => ({
        condition,
        sets: condition.type === "Owner" ? ownerSets.map(without) : [without(keys[index] ?? new Set())],
      })),
    });
  }
  return { mode: policy.approval_mode, groups };
}

const requirementMet = (requirement: Requirement, approved: ReadonlySet<string>) =>
  requirement.sets.length > 0 && requirement.sets.every((set) => [...set].some((key) => approved.has(key)));

const groupMet = (group: ResolvedPolicy["groups"][number], test: (r: Requirement) => boolean) =>
  group.operator === "AND" ? group.requirements.every(test) : group.requirements.some(test);

const policyMet = (policy: ResolvedPolicy, test: (r: Requirement) => boolean) =>
  policy.mode === "ALL_OF"
    ? policy.groups.every((g) => groupMet(g, test))
    : policy.groups.some((g) => groupMet(g, test));

/** Are the approvals (the live keys of those who approved) enough? */
export function isApproved(policy: ResolvedPolicy, approved: ReadonlySet<string>): boolean {
  return policyMet(policy, (requirement) => requirementMet(requirement, approved));
}

/** Could the policy ever be met: is there someone for every set it needs? */
export function isSatisfiable(policy: ResolvedPolicy): boolean {
  return policyMet(
    policy,
    (requirement) => requirement.sets.length > 0 && requirement.sets.every((s) => s.size > 0),
  );
}

/** Is one of `keys` among the approvers the policy names? */
export function isApprover(policy: ResolvedPolicy, keys: ReadonlySet<string>): boolean {
  return policy.groups.some((group) =>
    group.requirements.some((requirement) =>
      requirement.sets.some((set) => [...keys].some((k) => set.has(k))),
    ),
  );
}
