import { ApiError } from "../protocol/api-error.ts";
import { serviceError } from "../protocol/service-errors.ts";
import type { Tag, WorldAccount, WorldOrganization, WorldParent } from "../world/types.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";
import { epochSeconds, jsonPage } from "./json-paging.ts";
import { requiredJsonString } from "./params.ts";

// Organizations pages hold at most 20 entries.
const LIMITS = { max: 20, fallback: 20 };

// Member accounts may describe their organization; everything else here is for the
// management account only, as in AWS (delegated administrators are not modelled).
function orgFor(ctx: RequestContext, { membersAllowed = false } = {}): WorldOrganization {
  const org = ctx.world.organization;
  const account = ctx.world.accounts.get(ctx.caller.accountId);
  if (org === undefined || account?.parentId === undefined) {
    throw new ApiError(
      "AWSOrganizationsNotInUseException",
      "Your account is not a member of an organization.",
      400,
    );
  }
  if (!membersAllowed && ctx.caller.accountId !== org.managementAccountId) {
    throw serviceError("organizations", "accessDenied");
  }
  return org;
}

function parentFor(ctx: RequestContext, org: WorldOrganization, field: string): WorldParent {
  const id = requiredJsonString(ctx, field);
  const parent = org.parents.get(id);
  if (parent === undefined) {
    throw new ApiError(
      "ParentNotFoundException",
      "We can't find a root or OU with the ParentId that you specified.",
      400,
    );
  }
  return parent;
}

function renderAccount(ctx: RequestContext, org: WorldOrganization, id: string) {
  const account = ctx.world.accounts.get(id) as WorldAccount;
  return {
    Id: account.id,
    Arn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${account.id}`,
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.status,
    JoinedMethod: account.id === org.managementAccountId ? "INVITED" : "CREATED",
    JoinedTimestamp: epochSeconds(account.joinedAt),
  };
}

const renderOu = (ou: WorldParent) => ({ Id: ou.id, Arn: ou.arn, Name: ou.name, Path: ou.path });

function tagsOf(ctx: RequestContext, org: WorldOrganization, resourceId: string): readonly Tag[] {
  const parent = org.parents.get(resourceId);
  if (parent !== undefined) return parent.tags;
  const account = ctx.world.accounts.get(resourceId);
  if (account?.parentId !== undefined) return account.tags;
  throw new ApiError(
    "TargetNotFoundException",
    "We can't find a target with the TargetId that you specified.",
    400,
  );
}

export const organizationsHandlers: ServiceHandlers = {
  DescribeOrganization: (ctx) => {
    const org = orgFor(ctx, { membersAllowed: true });
    return {
      Organization: {
        Id: org.id,
        Arn: org.arn,
        FeatureSet: org.featureSet,
        MasterAccountArn: org.managementAccountArn,
        MasterAccountId: org.managementAccountId,
        MasterAccountEmail: org.managementAccountEmail,
        AvailablePolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
      },
    };
  },
  ListRoots: (ctx) => {
    const org = orgFor(ctx);
    const root = org.parents.get(org.rootId)!;
    const page = jsonPage(ctx, "", [root], LIMITS);
    return {
      Roots: page.items.map((r) => ({
        Id: r.id,
        Arn: r.arn,
        Name: r.name,
        PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
      })),
      NextToken: page.NextToken,
    };
  },
  ListOrganizationalUnitsForParent: (ctx) => {
    const org = orgFor(ctx);
    const parent = parentFor(ctx, org, "ParentId");
    const page = jsonPage(ctx, parent.id, parent.ouIds, LIMITS);
    return {
      OrganizationalUnits: page.items.map((id) => renderOu(org.parents.get(id)!)),
      NextToken: page.NextToken,
    };
  },
  ListAccountsForParent: (ctx) => {
    const org = orgFor(ctx);
    const parent = parentFor(ctx, org, "ParentId");
    const page = jsonPage(ctx, parent.id, parent.accountIds, LIMITS);
    return { Accounts: page.items.map((id) => renderAccount(ctx, org, id)), NextToken: page.NextToken };
  },
  ListAccounts: (ctx) => {
    const org = orgFor(ctx);
    const page = jsonPage(ctx, "", org.accountIds, LIMITS);
    return { Accounts: page.items.map((id) => renderAccount(ctx, org, id)), NextToken: page.NextToken };
  },
  ListChildren: (ctx) => {
    const org = orgFor(ctx);
    const parent = parentFor(ctx, org, "ParentId");
    const childType = requiredJsonString(ctx, "ChildType");
    if (childType !== "ACCOUNT" && childType !== "ORGANIZATIONAL_UNIT") {
      throw serviceError("organizations", "validation", `Invalid ChildType ${childType}.`);
    }
    const ids = childType === "ACCOUNT" ? parent.accountIds : parent.ouIds;
    const page = jsonPage(ctx, `${parent.id}:${childType}`, ids, LIMITS);
    return { Children: page.items.map((id) => ({ Id: id, Type: childType })), NextToken: page.NextToken };
  },
  ListParents: (ctx) => {
    const org = orgFor(ctx);
    const childId = requiredJsonString(ctx, "ChildId");
    const parentId = org.parents.get(childId)?.parentId ?? ctx.world.accounts.get(childId)?.parentId;
    if (parentId === undefined) {
      throw new ApiError(
        "ChildNotFoundException",
        "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
        400,
      );
    }
    const parent = org.parents.get(parentId)!;
    return { Parents: [{ Id: parent.id, Type: parent.type }] };
  },
  DescribeAccount: (ctx) => {
    const org = orgFor(ctx);
    const id = requiredJsonString(ctx, "AccountId");
    if (ctx.world.accounts.get(id)?.parentId === undefined) {
      throw new ApiError("AccountNotFoundException", "You specified an account that doesn't exist.", 400);
    }
    return { Account: renderAccount(ctx, org, id) };
  },
  DescribeOrganizationalUnit: (ctx) => {
    const org = orgFor(ctx);
    const ou = org.parents.get(requiredJsonString(ctx, "OrganizationalUnitId"));
    if (ou === undefined || ou.type !== "ORGANIZATIONAL_UNIT") {
      throw new ApiError(
        "OrganizationalUnitNotFoundException",
        "We can't find an OU with the OrganizationalUnitId that you specified.",
        400,
      );
    }
    return { OrganizationalUnit: renderOu(ou) };
  },
  ListTagsForResource: (ctx) => {
    const org = orgFor(ctx);
    const resourceId = requiredJsonString(ctx, "ResourceId");
    const tags = tagsOf(ctx, org, resourceId);
    const page = jsonPage(ctx, resourceId, tags, { max: 100, fallback: 100 });
    return { Tags: page.items, NextToken: page.NextToken };
  },
};
