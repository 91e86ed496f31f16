import { grantFailure } from "./grant-failure.ts";
import { GrantIdentities, type GrantingAws } from "./grant-identities.ts";
import {
  createReplacementKey,
  deleteManagedUser,
  type NewAccessKey,
  retireKeysExcept,
} from "./key-rotation.ts";
import type { GrantContext, GrantFailure } from "./types.ts";

const KEY_ACTIONS = [
  "iam:GetUser",
  "iam:ListAccessKeys",
  "iam:CreateAccessKey",
  "iam:UpdateAccessKey",
  "iam:DeleteAccessKey",
];
const CLEANUP_ACTIONS = [
  ...KEY_ACTIONS,
  "iam:ListUserPolicies",
  "iam:DeleteUserPolicy",
  "iam:ListGroupsForUser",
  "iam:RemoveUserFromGroup",
  "iam:DeleteUser",
];

/** Rotation and cleanup of managed IAM users, as the credential-rotation domain sees them. */
export type ManagedKeyOperations = {
  /** Step 1 of a rotation (see key-rotation.ts): a new key next to the known ones. */
  createReplacementKey(
    ctx: GrantContext,
    accountId: string,
    userName: string,
    known: readonly string[],
  ): Promise<NewAccessKey>;
  /** Step 3: every other key deactivated, then deleted; returns the retired key ids. */
  retireKeysExcept(ctx: GrantContext, accountId: string, userName: string, keep: string): Promise<string[]>;
  /** Cleanup: the user with its keys, policies and group memberships. */
  deleteManagedUser(ctx: GrantContext, accountId: string, userName: string): Promise<"deleted" | "absent">;
};

/** A thrown error of these operations as a failure with the reason, the fix and whether a retry may help. */
export function keyOperationFailure(error: unknown, doing: string, cleanup = false): GrantFailure {
  return grantFailure(error, doing, cleanup ? CLEANUP_ACTIONS : KEY_ACTIONS);
}

/** ManagedKeyOperations against AWS (or the sandbox, moto, LocalStack), as the role that manages IAM in the account. */
export class AwsManagedKeys implements ManagedKeyOperations {
  private readonly identities: GrantIdentities;

  constructor(private readonly runtime: GrantingAws) {
    this.identities = new GrantIdentities(runtime);
  }

  private async iam(ctx: GrantContext, accountId: string) {
    const identity = await this.identities.account(ctx, accountId);
    return this.runtime.aws.get("iam", identity, ctx.region);
  }

  async createReplacementKey(
    ctx: GrantContext,
    accountId: string,
    userName: string,
    known: readonly string[],
  ) {
    return createReplacementKey(await this.iam(ctx, accountId), userName, known);
  }

  async retireKeysExcept(ctx: GrantContext, accountId: string, userName: string, keep: string) {
    return retireKeysExcept(await this.iam(ctx, accountId), userName, keep);
  }

  async deleteManagedUser(ctx: GrantContext, accountId: string, userName: string) {
    return deleteManagedUser(await this.iam(ctx, accountId), userName);
  }
}
