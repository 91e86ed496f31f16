import { AWS_ACCOUNT_CATALOG, AWS_ORGANIZATION_CATALOG } from "@portcullis/shared";
import type { AccountTarget, OrganizationTarget } from "./sync-target.ts";

/**
 * A unit of work of a fetch. Its key is stable from one fetch to the next (resources keep the
 * key of the scope that saw them), so a resync removes only what a successful scope no
 * longer sees.
 */
export type ScopeSpec = {
  key: string;
  accountId: string | null;
  region: string | null;
  resourceTypes: string[];
  details: Record<string, unknown>;
};

/** The OU walk: lists the accounts (the account resources) and creates the member scopes. */
export const ORGANIZATION_TREE_KEY = "organization";
export const ORGANIZATION_ACCOUNT_TYPE = "aws-organization-account";
/** The IAM Identity Center directory (users, groups, memberships) read into an identity source. */
export const IDENTITY_DIRECTORY_KEY = "identity-center-directory";
const MEMBER_PREFIX = "account/";

const REGIONAL_ACCOUNT_TYPES = new Set<string>(
  AWS_ACCOUNT_CATALOG.resourceTypes.filter((type) => type.scope === "region").map((type) => type.id),
);
const MEMBER_ACCOUNT_TYPES = new Set<string>(
  AWS_ORGANIZATION_CATALOG.resourceTypes
    .filter((type) => type.scope === "member-account")
    .map((type) => type.id),
);

export type ScopeKind = "organization-tree" | "member-account" | "identity-directory" | "resource-type";

export function scopeKind(key: string): ScopeKind {
  if (key === ORGANIZATION_TREE_KEY) return "organization-tree";
  if (key === IDENTITY_DIRECTORY_KEY) return "identity-directory";
  if (key.startsWith(MEMBER_PREFIX)) return "member-account";
  return "resource-type";
}

export function memberScopeKey(accountId: string): string {
  return `${MEMBER_PREFIX}${accountId}`;
}

/**
 * An account integration: one scope per selected type, the regional ones (EC2, RDS) keyed by
 * the region, so each can fail, retry and be cleaned up on its own.
 */
export function accountScopes(target: AccountTarget, accountId: string): ScopeSpec[] {
  return target.types.map((type) => {
    const regional = REGIONAL_ACCOUNT_TYPES.has(type);
    return {
      key: regional ? `${type}/${target.region}` : type,
      accountId,
      region: regional ? target.region : null,
      resourceTypes: [type],
      details: {},
    };
  });
}

/** The member-account types selected (read in every member account). */
export function memberTypes(target: OrganizationTarget): string[] {
  return target.types.filter((type) => MEMBER_ACCOUNT_TYPES.has(type));
}

/**
 * An organization's scopes known before the OU walk: the walk itself (when accounts or
 * member-account types are selected), one per Identity Center type, and always the Identity
 * Center directory (people and groups, whatever types are selected). Member accounts get theirs
 * as the walk finds them.
 */
export function organizationScopes(target: OrganizationTarget, managementAccountId: string): ScopeSpec[] {
  const scopes: ScopeSpec[] = [];
  const accounts = target.types.includes(ORGANIZATION_ACCOUNT_TYPE);
  if (accounts || memberTypes(target).length > 0) {
    scopes.push({
      key: ORGANIZATION_TREE_KEY,
      accountId: managementAccountId,
      region: null,
      resourceTypes: accounts ? [ORGANIZATION_ACCOUNT_TYPE] : [],
      details: {},
    });
  }
  for (const type of target.types) {
    if (type === ORGANIZATION_ACCOUNT_TYPE || MEMBER_ACCOUNT_TYPES.has(type)) continue;
    scopes.push({
      key: type,
      accountId: managementAccountId,
      region: target.ssoRegion,
      resourceTypes: [type],
      details: {},
    });
  }
  scopes.push({
    key: IDENTITY_DIRECTORY_KEY,
    accountId: managementAccountId,
    region: target.ssoRegion,
    resourceTypes: [],
    details: {},
  });
  return scopes;
}

export type MemberAccount = { id: string; name: string; ouId: string; ouPath: string };

export function memberScope(account: MemberAccount, types: string[]): ScopeSpec {
  return {
    key: memberScopeKey(account.id),
    accountId: account.id,
    region: null,
    resourceTypes: types,
    details: { name: account.name, ou_id: account.ouId, ou_path: account.ouPath },
  };
}

/** Types read in each member account (through the member role), not once in the management account. */
export function isMemberAccountType(type: string): boolean {
  return MEMBER_ACCOUNT_TYPES.has(type);
}
