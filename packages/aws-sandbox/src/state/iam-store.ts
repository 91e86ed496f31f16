import type { Tag, World } from "../world/types.ts";

export type AccessKeyStatus = "Active" | "Inactive";

export type AccessKey = {
  readonly accessKeyId: string;
  readonly createdAt: Date;
  status: AccessKeyStatus;
  lastUsed?: { readonly at: Date; readonly service: string; readonly region: string };
};

export type IamUser = {
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly id: string;
  readonly createdAt: Date;
  tags: Tag[];
  // Inline policies: name → JSON document as written.
  readonly policies: Map<string, string>;
  readonly groups: Set<string>;
  readonly keys: AccessKey[];
};

// IAM users as they change at runtime: the scenario's users plus those created by calls,
// with their inline policies, group memberships and access keys.
export class IamStore {
  private readonly byAccount = new Map<string, Map<string, IamUser>>();
  private readonly keyOwners = new Map<string, IamUser>();

  constructor(world: World) {
    for (const account of world.accounts.values()) {
      for (const user of account.users) {
        this.add({
          accountId: account.id,
          name: user.name,
          path: user.path,
          arn: user.arn,
          id: user.id,
          createdAt: user.createdAt,
          tags: [...user.tags],
          policies: new Map(),
          groups: new Set(),
          keys: [],
        });
      }
    }
  }

  users(accountId: string): IamUser[] {
    return [...(this.byAccount.get(accountId)?.values() ?? [])];
  }

  user(accountId: string, name: string): IamUser | undefined {
    return this.byAccount.get(accountId)?.get(name);
  }

  add(user: IamUser): void {
    let users = this.byAccount.get(user.accountId);
    if (users === undefined) {
      users = new Map();
      this.byAccount.set(user.accountId, users);
    }
    users.set(user.name, user);
  }

  remove(user: IamUser): void {
    this.byAccount.get(user.accountId)?.delete(user.name);
  }

  addKey(user: IamUser, key: AccessKey): void {
    user.keys.push(key);
    this.keyOwners.set(key.accessKeyId, user);
  }

  removeKey(user: IamUser, accessKeyId: string): void {
    const index = user.keys.findIndex((key) => key.accessKeyId === accessKeyId);
    if (index >= 0) user.keys.splice(index, 1);
    this.keyOwners.delete(accessKeyId);
  }

  ownerOfKey(accessKeyId: string): IamUser | undefined {
    return this.keyOwners.get(accessKeyId);
  }

  markUsed(accessKeyId: string, at: number, service: string, region: string): void {
    const key = this.keyOwners.get(accessKeyId)?.keys.find((k) => k.accessKeyId === accessKeyId);
    if (key !== undefined) key.lastUsed = { at: new Date(at), service, region };
  }
}
