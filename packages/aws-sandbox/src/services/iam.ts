import { ApiError } from "../protocol/api-error.ts";
import { leaf } from "../protocol/xml.ts";
import type { Tag, WorldRole } from "../world/types.ts";
import { callerAccount } from "./caller-account.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";
import { iamPaged } from "./iam-paging.ts";
import { iamUserHandlers } from "./iam-users.ts";
import { requiredParam, stringParam } from "./params.ts";

function byPathPrefix<T extends { path: string }>(ctx: RequestContext, items: readonly T[]): readonly T[] {
  const prefix = stringParam(ctx, "PathPrefix");
  return prefix === undefined || prefix === "/"
    ? items
    : items.filter((item) => item.path.startsWith(prefix));
}

function findRole(ctx: RequestContext): WorldRole {
  const name = requiredParam(ctx, "RoleName");
  const role = callerAccount(ctx).rolesByName.get(name);
  if (role === undefined)
    throw new ApiError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
  return role;
}

// Rendered on demand: only ListRoles shows it, and big scenarios hold many roles.
function trustPolicy(role: WorldRole): string {
  const principals = (role.trustedPrincipals ?? ["*"]).map((p) =>
    /^\d{12}$/.test(p) ? `arn:aws:iam::${p}:root` : p,
  );
  const statement: Record<string, unknown> = {
    Effect: "Allow",
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: "sts:AssumeRole",
  };
  if (role.externalId !== undefined)
    statement.Condition = { StringEquals: { "sts:ExternalId": role.externalId } };
  // IAM returns policy documents URL-encoded.
  return encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [statement] }));
}

const renderTags = (ctx: RequestContext, scope: string, tags: readonly Tag[]) =>
  iamPaged(ctx, scope, tags, "Tags", (tag) => leaf("Key", tag.Key) + leaf("Value", tag.Value));

export const iamHandlers: ServiceHandlers = {
  ...iamUserHandlers,
  ListRoles: (ctx) =>
    iamPaged(
      ctx,
      stringParam(ctx, "PathPrefix") ?? "",
      byPathPrefix(ctx, callerAccount(ctx).roles),
      "Roles",
      (role) =>
        [
          leaf("Path", role.path),
          leaf("RoleName", role.name),
          leaf("RoleId", role.id),
          leaf("Arn", role.arn),
          leaf("CreateDate", role.createdAt),
          leaf("AssumeRolePolicyDocument", trustPolicy(role)),
          leaf("Description", role.description),
          leaf("MaxSessionDuration", role.maxSessionDuration),
        ].join(""),
    ),
  ListRoleTags: (ctx) => {
    const role = findRole(ctx);
    return renderTags(ctx, role.name, role.tags);
  },
  ListAttachedRolePolicies: (ctx) => {
    const role = findRole(ctx);
    return iamPaged(
      ctx,
      role.name,
      role.attachedPolicies,
      "AttachedPolicies",
      (policy) => leaf("PolicyName", policy.name) + leaf("PolicyArn", policy.arn),
    );
  },
  ListGroups: (ctx) =>
    iamPaged(
      ctx,
      stringParam(ctx, "PathPrefix") ?? "",
      byPathPrefix(ctx, callerAccount(ctx).groups),
      "Groups",
      (group) =>
        [
          leaf("Path", group.path),
          leaf("GroupName", group.name),
          leaf("GroupId", group.id),
          leaf("Arn", group.arn),
          leaf("CreateDate", group.createdAt),
        ].join(""),
    ),
};
