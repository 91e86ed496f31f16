import type { Group, User } from "@aws-sdk/client-identitystore";
import { sdk } from "../aws/sdk.ts";
import { type DiscoverContext, mapLimit } from "../discoverers/types.ts";

/** A user of the identity store, in the shape of identity_people. */
export type StorePerson = {
  /** The Identity Center UserId: what an account assignment (a grant) names the person by. */
  externalId: string;
  userName: string;
  /** The primary (else first) email, lower-cased. */
  email: string | null;
  emails: Array<{ value: string; type?: string; primary?: boolean }>;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  active: boolean;
};

export type StoreGroup = { externalId: string; displayName: string };

/** Everything the identity store holds; only ever built from listings that all completed. */
export type StoreDirectory = {
  people: StorePerson[];
  groups: StoreGroup[];
  memberships: Array<{ groupId: string; userId: string }>;
};

/** The IAM actions reading the directory takes (ListInstances finds the identity store). */
export const IDENTITY_STORE_ACTIONS = [
  "sso:ListInstances",
  "identitystore:ListUsers",
  "identitystore:ListGroups",
  "identitystore:ListGroupMemberships",
] as const;

function person(user: User): StorePerson | null {
  if (!user.UserId || !user.UserName) return null;
  const emails = (user.Emails ?? [])
    .filter((email) => email.Value)
    .map((email) => ({
      value: email.Value!,
      ...(email.Type ? { type: email.Type } : {}),
      ...(email.Primary !== undefined ? { primary: email.Primary } : {}),
    }));
  const primary = emails.find((email) => email.primary) ?? emails[0];
  return {
    externalId: user.UserId,
    userName: user.UserName,
    email: primary ? primary.value.toLowerCase() : null,
    emails,
    displayName: user.DisplayName ?? user.Name?.Formatted ?? null,
    givenName: user.Name?.GivenName ?? null,
    familyName: user.Name?.FamilyName ?? null,
    // Only users AWS reports as disabled are inactive (older stores do not report a status).
    active: user.UserStatus !== "DISABLED",
  };
}

function group(value: Group): StoreGroup | null {
  if (!value.GroupId) return null;
  return { externalId: value.GroupId, displayName: value.DisplayName ?? value.GroupId };
}

/**
 * Reads the whole identity store: users and groups page by page, then each group's memberships
 * (a few groups at a time). Every call goes through the Identity Store's rate limiter (the client
 * has it), so a large directory is read at the quota's pace instead of in a throttling storm.
 * Throws on any failure, so a partial directory is never returned.
 */
export async function readIdentityStore(
  context: DiscoverContext,
  identityStoreId: string,
): Promise<StoreDirectory> {
  const store = await context.aws.get("identitystore", context.identity, context.region);
  const { paginateListUsers, paginateListGroups, paginateListGroupMemberships } = await sdk.identitystore();
  const paging = { client: store, pageSize: context.pageSizes.sso };
  const options = { abortSignal: context.signal };

  const people: StorePerson[] = [];
  for await (const page of paginateListUsers(paging, { IdentityStoreId: identityStoreId }, options)) {
    for (const user of page.Users ?? []) {
      const read = person(user);
      if (read) people.push(read);
    }
  }
  const groups: StoreGroup[] = [];
  for await (const page of paginateListGroups(paging, { IdentityStoreId: identityStoreId }, options)) {
    for (const value of page.Groups ?? []) {
      const read = group(value);
      if (read) groups.push(read);
    }
  }
  const perGroup = await mapLimit(groups, context.detailConcurrency, async (g) => {
    const members: Array<{ groupId: string; userId: string }> = [];
    const pages = paginateListGroupMemberships(
      paging,
      { IdentityStoreId: identityStoreId, GroupId: g.externalId },
      options,
    );
    for await (const page of pages) {
      for (const membership of page.GroupMemberships ?? []) {
        const userId =
          membership.MemberId && "UserId" in membership.MemberId ? membership.MemberId.UserId : undefined;
        if (userId) members.push({ groupId: g.externalId, userId });
      }
    }
    return members;
  });
  return { people, groups, memberships: perGroup.flat() };
}
