import { MalformedPolicyError, parsePolicy } from "../auth/policy-evaluator.ts";
import { ApiError } from "../protocol/api-error.ts";
import { serviceError } from "../protocol/service-errors.ts";
import { leaf, list, node } from "../protocol/xml.ts";
import type { IamUser } from "../state/iam-store.ts";
import { normalizePath } from "../world/build-world.ts";
import { stableId } from "../world/stable-id.ts";
import type { Tag } from "../world/types.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";
import { iamPaged } from "./iam-paging.ts";
import { requiredParam, stringParam } from "./params.ts";

// IAM's quota of access keys per user.
const KEYS_PER_USER = 2;
const USER_NAME = /^[\w+=,.@-]{1,64}$/;

const noSuchUser = (name: string) =>
  new ApiError("NoSuchEntity", `The user with name ${name} cannot be found.`, 404);

// UserName, or the calling IAM user when it is omitted (as IAM does for key operations).
function userOf(ctx: RequestContext, optional = false): IamUser {
  const name =
    stringParam(ctx, "UserName") ??
    (optional ? ctx.caller.iamUser?.name : undefined) ??
    requiredParam(ctx, "UserName");
  const user = ctx.state.iam.user(ctx.caller.accountId, name);
  if (user === undefined) throw noSuchUser(name);
  return user;
}

function tagsParam(ctx: RequestContext): Tag[] {
  const tags: Tag[] = [];
  for (let i = 1; ; i++) {
    const Key = ctx.params.get(`Tags.member.${i}.Key`);
    if (Key === null) return tags;
    tags.push({ Key, Value: ctx.params.get(`Tags.member.${i}.Value`) ?? "" });
  }
}

const renderUser = (user: IamUser) =>
  node(
    "User",
    leaf("Path", user.path) +
      leaf("UserName", user.name) +
      leaf("UserId", user.id) +
      leaf("Arn", user.arn) +
      leaf("CreateDate", user.createdAt) +
      (user.tags.length === 0
        ? ""
        : list("Tags", "member", user.tags, (t) => leaf("Key", t.Key) + leaf("Value", t.Value))),
  );

function createUser(ctx: RequestContext): string {
  const name = requiredParam(ctx, "UserName");
  if (!USER_NAME.test(name)) {
    throw serviceError("iam", "validation", `The specified value for userName is invalid: ${name}`);
  }
  const accountId = ctx.caller.accountId;
  if (ctx.state.iam.user(accountId, name) !== undefined) {
    throw new ApiError("EntityAlreadyExists", `User with name ${name} already exists.`, 409);
  }
  const path = normalizePath(stringParam(ctx, "Path"));
  const arn = `arn:aws:iam::${accountId}:user${path}${name}`;
  const user: IamUser = {
    accountId,
    name,
    path,
    arn,
    // Unique per creation: a re-created user is a new principal, as in IAM.
    id: stableId("AIDA", `${arn}#${ctx.requestId}`, 17),
    createdAt: new Date(ctx.now()),
    tags: tagsParam(ctx),
    policies: new Map(),
    groups: new Set(),
    keys: [],
  };
  ctx.state.iam.add(user);
  return renderUser(user);
}

function deleteUser(ctx: RequestContext): string {
  const user = userOf(ctx);
  const attached =
    user.keys.length > 0
      ? "access keys"
      : user.policies.size > 0
        ? "policies"
        : user.groups.size > 0
          ? "groups"
          : undefined;
  if (attached !== undefined) {
    throw new ApiError("DeleteConflict", `Cannot delete entity, must remove ${attached} first.`, 409);
  }
  ctx.state.iam.remove(user);
  return "";
}

function tagUser(ctx: RequestContext): string {
  const user = userOf(ctx);
  for (const tag of tagsParam(ctx)) {
    user.tags = [...user.tags.filter((t) => t.Key !== tag.Key), tag];
  }
  return "";
}

function untagUser(ctx: RequestContext): string {
  const user = userOf(ctx);
  const keys = new Set<string>();
  for (let i = 1; ; i++) {
    const key = ctx.params.get(`TagKeys.member.${i}`);
    if (key === null) break;
    keys.add(key);
  }
  user.tags = user.tags.filter((t) => !keys.has(t.Key));
  return "";
}

function putUserPolicy(ctx: RequestContext): string {
  const user = userOf(ctx);
  const name = requiredParam(ctx, "PolicyName");
  const document = requiredParam(ctx, "PolicyDocument");
  try {
    parsePolicy(document);
  } catch (error) {
    if (error instanceof MalformedPolicyError)
      throw new ApiError("MalformedPolicyDocument", error.message, 400);
    throw error;
  }
  user.policies.set(name, document);
  return "";
}

function userPolicy(ctx: RequestContext): { user: IamUser; name: string; document: string } {
  const user = userOf(ctx);
  const name = requiredParam(ctx, "PolicyName");
  const document = user.policies.get(name);
  if (document === undefined) {
    throw new ApiError("NoSuchEntity", `The user policy with name ${name} cannot be found.`, 404);
  }
  return { user, name, document };
}

function groupName(ctx: RequestContext): string {
  const name = requiredParam(ctx, "GroupName");
  const account = ctx.world.accounts.get(ctx.caller.accountId);
  if (!account?.groups.some((g) => g.name === name)) {
    throw new ApiError("NoSuchEntity", `The group with name ${name} cannot be found.`, 404);
  }
  return name;
}

function createAccessKey(ctx: RequestContext): string {
  const user = userOf(ctx, true);
  if (user.keys.length >= KEYS_PER_USER) {
    throw new ApiError("LimitExceeded", `Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`, 409);
  }
  const { accessKeyId, secretAccessKey } = ctx.credentials.issueUserKey(user);
  const createdAt = new Date(ctx.now());
  ctx.state.iam.addKey(user, { accessKeyId, createdAt, status: "Active" });
  return node(
    "AccessKey",
    leaf("UserName", user.name) +
      leaf("AccessKeyId", accessKeyId) +
      leaf("Status", "Active") +
      leaf("SecretAccessKey", secretAccessKey) +
      leaf("CreateDate", createdAt),
  );
}

function keyOf(ctx: RequestContext) {
  const user = userOf(ctx, true);
  const accessKeyId = requiredParam(ctx, "AccessKeyId");
  const key = user.keys.find((k) => k.accessKeyId === accessKeyId);
  if (key === undefined) {
    throw new ApiError("NoSuchEntity", `The Access Key with id ${accessKeyId} cannot be found.`, 404);
  }
  return { user, key };
}

function updateAccessKey(ctx: RequestContext): string {
  const { key } = keyOf(ctx);
  const status = requiredParam(ctx, "Status");
  if (status !== "Active" && status !== "Inactive") {
    throw serviceError("iam", "validation", `Status must be Active or Inactive, not ${status}.`);
  }
  key.status = status;
  ctx.credentials.setUserKeyActive(key.accessKeyId, status === "Active");
  return "";
}

function deleteAccessKey(ctx: RequestContext): string {
  const { user, key } = keyOf(ctx);
  ctx.state.iam.removeKey(user, key.accessKeyId);
  ctx.credentials.revokeUserKey(key.accessKeyId);
  return "";
}

function getAccessKeyLastUsed(ctx: RequestContext): string {
  const accessKeyId = requiredParam(ctx, "AccessKeyId");
  const owner = ctx.state.iam.ownerOfKey(accessKeyId);
  if (owner === undefined || owner.accountId !== ctx.caller.accountId) {
    throw new ApiError("AccessDenied", `The Access Key with id ${accessKeyId} cannot be found.`, 403);
  }
  const used = owner.keys.find((k) => k.accessKeyId === accessKeyId)?.lastUsed;
  return (
    leaf("UserName", owner.name) +
    node(
      "AccessKeyLastUsed",
      leaf("LastUsedDate", used?.at) +
        leaf("ServiceName", used?.service ?? "N/A") +
        leaf("Region", used?.region ?? "N/A"),
    )
  );
}

function listUsers(ctx: RequestContext): string {
  const prefix = stringParam(ctx, "PathPrefix");
  const users = ctx.state.iam
    .users(ctx.caller.accountId)
    .filter((u) => prefix === undefined || u.path.startsWith(prefix));
  return iamPaged(ctx, prefix ?? "", users, "Users", (user) =>
    [
      leaf("Path", user.path),
      leaf("UserName", user.name),
      leaf("UserId", user.id),
      leaf("Arn", user.arn),
      leaf("CreateDate", user.createdAt),
    ].join(""),
  );
}

export const iamUserHandlers: ServiceHandlers = {
  ListUsers: listUsers,
  CreateUser: createUser,
  GetUser: (ctx) => renderUser(userOf(ctx, true)),
  DeleteUser: deleteUser,
  TagUser: tagUser,
  UntagUser: untagUser,
  ListUserTags: (ctx) => {
    const user = userOf(ctx);
    return iamPaged(ctx, user.name, user.tags, "Tags", (t) => leaf("Key", t.Key) + leaf("Value", t.Value));
  },
  PutUserPolicy: putUserPolicy,
  GetUserPolicy: (ctx) => {
    const { user, name, document } = userPolicy(ctx);
    // IAM returns policy documents URL-encoded.
    return (
      leaf("UserName", user.name) +
      leaf("PolicyName", name) +
      leaf("PolicyDocument", encodeURIComponent(document))
    );
  },
  DeleteUserPolicy: (ctx) => {
    const { user, name } = userPolicy(ctx);
    user.policies.delete(name);
    return "";
  },
  ListUserPolicies: (ctx) => {
    const user = userOf(ctx);
    return iamPaged(ctx, user.name, [...user.policies.keys()], "PolicyNames", (name) => name);
  },
  AddUserToGroup: (ctx) => {
    const group = groupName(ctx);
    userOf(ctx).groups.add(group);
    return "";
  },
  RemoveUserFromGroup: (ctx) => {
    const group = groupName(ctx);
    const user = userOf(ctx);
    if (!user.groups.delete(group)) {
      throw new ApiError("NoSuchEntity", `User ${user.name} is not in group ${group}.`, 404);
    }
    return "";
  },
  ListGroupsForUser: (ctx) => {
    const user = userOf(ctx);
    const groups = (ctx.world.accounts.get(ctx.caller.accountId)?.groups ?? []).filter((g) =>
      user.groups.has(g.name),
    );
    return iamPaged(ctx, user.name, groups, "Groups", (group) =>
      [
        leaf("Path", group.path),
        leaf("GroupName", group.name),
        leaf("GroupId", group.id),
        leaf("Arn", group.arn),
        leaf("CreateDate", group.createdAt),
      ].join(""),
    );
  },
  CreateAccessKey: createAccessKey,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
  ListAccessKeys: (ctx) => {
    const user = userOf(ctx, true);
    return iamPaged(ctx, user.name, user.keys, "AccessKeyMetadata", (key) =>
      [
        leaf("UserName", user.name),
        leaf("AccessKeyId", key.accessKeyId),
        leaf("Status", key.status),
        leaf("CreateDate", key.createdAt),
      ].join(""),
    );
  },
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
};
