import { ApiError } from "../protocol/api-error.ts";
import { serviceError } from "../protocol/service-errors.ts";
import type { IdentityStoreState, Membership, StoreGroup, StoreUser } from "../state/identity-store-state.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";
import { requireManagementAccount } from "./identity-center-access.ts";
import { jsonPage } from "./json-paging.ts";
import { requiredJsonString } from "./params.ts";

type AttributeFilter = { AttributePath?: unknown; AttributeValue?: unknown };

const LIMITS = { max: 100, fallback: 100 };

function storeFor(ctx: RequestContext): { storeId: string; store: IdentityStoreState } {
  requireManagementAccount(ctx);
  const storeId = requiredJsonString(ctx, "IdentityStoreId");
  const ic = ctx.world.identityCenter;
  if (ic === undefined || ic.identityStoreId !== storeId) {
    throw new ApiError("ResourceNotFoundException", `Identity store ${storeId} was not found.`, 400);
  }
  return { storeId, store: ctx.state.identityStore };
}

const notFound = (kind: string, id: string) =>
  new ApiError("ResourceNotFoundException", `${kind} ${id} was not found.`, 400);

// Identity Store filters users on UserName and groups on DisplayName, equality only.
function filtered<T>(
  ctx: RequestContext,
  items: readonly T[],
  path: string,
  value: (item: T) => string,
): T[] {
  let out = [...items];
  const filters = Array.isArray(ctx.input.Filters) ? (ctx.input.Filters as AttributeFilter[]) : [];
  for (const filter of filters) {
    if (filter.AttributePath !== path) {
      throw serviceError(
        "identitystore",
        "validation",
        `Unsupported filter attribute ${String(filter.AttributePath)}.`,
      );
    }
    out = out.filter((item) => value(item) === filter.AttributeValue);
  }
  return out;
}

function requiredUserId(ctx: RequestContext): string {
  const member = ctx.input.MemberId as { UserId?: unknown } | undefined;
  if (typeof member?.UserId !== "string" || member.UserId === "") {
    throw serviceError("identitystore", "validation", "MemberId.UserId is required.");
  }
  return member.UserId;
}

const renderUser = (storeId: string, user: StoreUser) => ({
  UserName: user.userName,
  UserId: user.id,
  DisplayName: user.displayName,
  Name:
    user.givenName === undefined && user.familyName === undefined
      ? undefined
      : {
          GivenName: user.givenName,
          FamilyName: user.familyName,
          Formatted: [user.givenName, user.familyName].filter(Boolean).join(" "),
        },
  Emails: user.email === undefined ? undefined : [{ Value: user.email, Type: "work", Primary: true }],
  IdentityStoreId: storeId,
});

const renderGroup = (storeId: string, group: StoreGroup) => ({
  GroupId: group.id,
  DisplayName: group.displayName,
  Description: group.description,
  IdentityStoreId: storeId,
});

const renderMembership = (storeId: string, m: Membership) => ({
  IdentityStoreId: storeId,
  MembershipId: m.membershipId,
  GroupId: m.groupId,
  MemberId: { UserId: m.userId },
});

function existingGroup(ctx: RequestContext, store: IdentityStoreState): StoreGroup {
  const groupId = requiredJsonString(ctx, "GroupId");
  const group = store.groupsById.get(groupId);
  if (group === undefined) throw notFound("Group", groupId);
  return group;
}

// GetUserId's unique attributes, as AWS names them (compared ignoring case, as AWS does).
const UNIQUE_USER_ATTRIBUTES: Record<string, (user: StoreUser) => string | undefined> = {
  username: (user) => user.userName,
  "emails.value": (user) => user.email,
};

function userByAlternateIdentifier(ctx: RequestContext, store: IdentityStoreState): StoreUser {
  const alternate = ctx.input.AlternateIdentifier as
    | { UniqueAttribute?: { AttributePath?: unknown; AttributeValue?: unknown }; ExternalId?: unknown }
    | undefined;
  const unique = alternate?.UniqueAttribute;
  if (unique === undefined) {
    throw serviceError(
      "identitystore",
      "validation",
      "AlternateIdentifier.UniqueAttribute is required (the sandbox keeps no external ids).",
    );
  }
  const path = typeof unique.AttributePath === "string" ? unique.AttributePath : "";
  const read = UNIQUE_USER_ATTRIBUTES[path.toLowerCase()];
  if (read === undefined) {
    throw serviceError("identitystore", "validation", `The attribute ${path} is not a unique attribute.`);
  }
  const value = unique.AttributeValue;
  if (typeof value !== "string" || value === "") {
    throw serviceError("identitystore", "validation", `AttributeValue is required for ${path}.`);
  }
  const user = store.users.find((candidate) => read(candidate) === value);
  if (user === undefined) throw notFound("User", `with ${path} ${value}`);
  return user;
}

export const identityStoreHandlers: ServiceHandlers = {
  GetUserId: (ctx) => {
    const { storeId, store } = storeFor(ctx);
    return { UserId: userByAlternateIdentifier(ctx, store).id, IdentityStoreId: storeId };
  },
  ListUsers: (ctx) => {
    const { storeId, store } = storeFor(ctx);
    const users = filtered(ctx, store.users, "UserName", (u) => u.userName);
    const page = jsonPage(ctx, `${storeId}:${JSON.stringify(ctx.input.Filters ?? [])}`, users, LIMITS);
    return { Users: page.items.map((u) => renderUser(storeId, u)), NextToken: page.NextToken };
  },
  DescribeUser: (ctx) => {
    const { storeId, store } = storeFor(ctx);
    const userId = requiredJsonString(ctx, "UserId");
    const user = store.usersById.get(userId);
    if (user === undefined) throw notFound("User", userId);
    return renderUser(storeId, user);
  },
  ListGroups: (ctx) => {
    const { storeId, store } = storeFor(ctx);
    const groups = filtered(ctx, store.groups, "DisplayName", (g) => g.displayName);
    const page = jsonPage(ctx, `${storeId}:${JSON.stringify(ctx.input.Filters ?? [])}`, groups, LIMITS);
    return { Groups: page.items.map((g) => renderGroup(storeId, g)), NextToken: page.NextToken };
  },
  DescribeGroup: (ctx) => {
    const { storeId, store } = storeFor(ctx);
    return renderGroup(storeId, existingGroup(ctx, store));
  },
  ListGroupMemberships: (ctx) => {
    const { storeId, store } = storeFor(ctx);
    const group = existingGroup(ctx, store);
    const page = jsonPage(ctx, `${storeId}:${group.id}`, store.membershipsOf(group.id), LIMITS);
    return {
      GroupMemberships: page.items.map((m) => renderMembership(storeId, m)),
      NextToken: page.NextToken,
    };
  },
  ListGroupMembershipsForMember: (ctx) => {
    const { storeId, store } = storeFor(ctx);
    const userId = requiredUserId(ctx);
    const page = jsonPage(ctx, `${storeId}:${userId}`, store.membershipsFor(userId), LIMITS);
    return {
      GroupMemberships: page.items.map((m) => renderMembership(storeId, m)),
      NextToken: page.NextToken,
    };
  },
  CreateGroupMembership: (ctx) => {
    const { storeId, store } = storeFor(ctx);
    const group = existingGroup(ctx, store);
    const userId = requiredUserId(ctx);
    if (!store.usersById.has(userId)) throw notFound("User", userId);
    if (store.find(group.id, userId) !== undefined) {
      throw new ApiError(
        "ConflictException",
        `User ${userId} is already a member of group ${group.id}.`,
        400,
      );
    }
    return { MembershipId: store.addMembership(group.id, userId).membershipId, IdentityStoreId: storeId };
  },
  DeleteGroupMembership: (ctx) => {
    const { store } = storeFor(ctx);
    const membershipId = requiredJsonString(ctx, "MembershipId");
    if (!store.removeMembership(membershipId)) throw notFound("GroupMembership", membershipId);
    return {};
  },
  GetGroupMembershipId: (ctx) => {
    const { storeId, store } = storeFor(ctx);
    const group = existingGroup(ctx, store);
    const userId = requiredUserId(ctx);
    const membership = store.find(group.id, userId);
    if (membership === undefined) throw notFound("GroupMembership", `${group.id}/${userId}`);
    return { MembershipId: membership.membershipId, IdentityStoreId: storeId };
  },
  IsMemberInGroups: (ctx) => {
    const { store } = storeFor(ctx);
    const userId = requiredUserId(ctx);
    const groupIds = Array.isArray(ctx.input.GroupIds) ? (ctx.input.GroupIds as string[]) : [];
    return {
      Results: groupIds.map((groupId) => ({
        GroupId: groupId,
        MemberId: { UserId: userId },
        MembershipExists: store.find(groupId, userId) !== undefined,
      })),
    };
  },
};
