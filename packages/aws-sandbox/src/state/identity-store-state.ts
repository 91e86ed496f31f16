import { randomUUID } from "node:crypto";
import type { IdentityCenterSpec } from "../scenario/types.ts";

export type StoreUser = {
  readonly id: string;
  readonly userName: string;
  readonly displayName?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly email?: string;
};

export type StoreGroup = { readonly id: string; readonly displayName: string; readonly description?: string };

export type Membership = { readonly membershipId: string; readonly groupId: string; readonly userId: string };

// The identity store's people, groups and memberships. Memberships change at runtime
// (CreateGroupMembership / DeleteGroupMembership), so they live here rather than in the world.
export class IdentityStoreState {
  readonly users: readonly StoreUser[];
  readonly usersById: ReadonlyMap<string, StoreUser>;
  readonly groups: readonly StoreGroup[];
  readonly groupsById: ReadonlyMap<string, StoreGroup>;
  // Insertion order is the listing order.
  private readonly memberships = new Map<string, Membership>();

  constructor(spec: IdentityCenterSpec | undefined) {
    this.users = (spec?.users ?? []).map((user) => ({ ...user }));
    this.usersById = new Map(this.users.map((user) => [user.id, user]));
    this.groups = (spec?.groups ?? []).map(({ id, displayName, description }) => ({
      id,
      displayName,
      description,
    }));
    this.groupsById = new Map(this.groups.map((group) => [group.id, group]));
    for (const group of spec?.groups ?? []) {
      for (const userId of group.members ?? []) this.addMembership(group.id, userId);
    }
  }

  membershipsOf(groupId: string): Membership[] {
    return [...this.memberships.values()].filter((m) => m.groupId === groupId);
  }

  membershipsFor(userId: string): Membership[] {
    return [...this.memberships.values()].filter((m) => m.userId === userId);
  }

  find(groupId: string, userId: string): Membership | undefined {
    for (const membership of this.memberships.values()) {
      if (membership.groupId === groupId && membership.userId === userId) return membership;
    }
    return undefined;
  }

  byId(membershipId: string): Membership | undefined {
    return this.memberships.get(membershipId);
  }

  addMembership(groupId: string, userId: string): Membership {
    const membership = { membershipId: randomUUID(), groupId, userId };
    this.memberships.set(membership.membershipId, membership);
    return membership;
  }

  removeMembership(membershipId: string): boolean {
    return this.memberships.delete(membershipId);
  }

  get membershipCount(): number {
    return this.memberships.size;
  }
}
