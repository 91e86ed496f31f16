import type { AwsIdentity } from "../discovery/aws/aws-clients.ts";
import {
  AccountAssignments,
  type AssignmentTarget,
  DEFAULT_IDENTITY_CENTER_TIMING,
  type IdentityCenterTiming,
  type Wait,
} from "./account-assignments.ts";
import { grantFailure } from "./grant-failure.ts";
import { GrantIdentities, type GrantingAws } from "./grant-identities.ts";
import { addToGroup, type GroupTarget, membershipId, removeFromGroup } from "./group-memberships.ts";
import { grantIam, type IamTarget, iamGrantPresent, removeIamAccess, revokeIam } from "./iam-grants.ts";
import { partitionOf } from "./iam-policies.ts";
import { findIdentityCenterUser, requireIdentityCenterUser } from "./identity-center-users.ts";
import { KeyedMutex } from "./keyed-mutex.ts";
import { listManagedIamUsers, type ManagedIamUser } from "./managed-iam-inventory.ts";
import { managedUserName } from "./managed-user-name.ts";
import type {
  AccessGranter,
  GrantAttempt,
  GrantContext,
  GrantOutcome,
  GrantSubject,
  GrantTarget,
  RevokeOutcome,
} from "./types.ts";

export type AwsAccessGranterOptions = {
  identityCenter?: Partial<IdentityCenterTiming>;
  /** How the granter waits between polls and after conflicts (tests may pass a faster one). */
  wait?: Wait;
};

type IdentityCenterCtx = Extract<GrantContext, { kind: "aws-organization" }>;

const SSO_ACTIONS = [
  "identitystore:GetUserId",
  "sso:ListAccountAssignments",
  "sso:CreateAccountAssignment",
  "sso:DeleteAccountAssignment",
  "sso:DescribeAccountAssignmentCreationStatus",
  "sso:DescribeAccountAssignmentDeletionStatus",
];
const GROUP_ACTIONS = [
  "identitystore:GetUserId",
  "identitystore:GetGroupMembershipId",
  "identitystore:CreateGroupMembership",
  "identitystore:DeleteGroupMembership",
];
const IAM_ACTIONS = [
  "iam:GetUser",
  "iam:CreateUser",
  "iam:TagUser",
  "iam:PutUserPolicy",
  "iam:GetUserPolicy",
  "iam:DeleteUserPolicy",
  "iam:AddUserToGroup",
  "iam:RemoveUserFromGroup",
  "iam:ListGroupsForUser",
  "iam:ListAccessKeys",
  "iam:CreateAccessKey",
  "iam:DeleteAccessKey",
];

/** What is granted, in words, for failure reasons ("Granting …", "Revoking …"). */
function describe(subject: GrantSubject, target: GrantTarget): string {
  const who = subject.userName;
  switch (target.kind) {
    case "sso-account-assignment":
      return `${target.permissionSetName} in account ${target.accountId} for ${who}`;
    case "identity-center-group":
      return `membership of the Identity Center group ${target.groupName} for ${who}`;
    case "iam-role":
      return `sts:AssumeRole on ${target.roleArn} for ${who}`;
    case "iam-group":
      return `membership of the IAM group ${target.groupName} in ${target.accountId} for ${who}`;
    case "s3-bucket":
      return `${target.access} access to the bucket ${target.bucketName} for ${who}`;
    case "ec2-instance":
      return `ssm:StartSession on ${target.instanceArn} for ${who}`;
    case "rds-instance":
      return `rds-db:connect to ${target.dbiResourceId} as ${target.dbUser} for ${who}`;
  }
}

function actionsFor(target: GrantTarget): string[] {
  if (target.kind === "sso-account-assignment") return SSO_ACTIONS;
  if (target.kind === "identity-center-group") return GROUP_ACTIONS;
  return IAM_ACTIONS;
}

/**
 * The AccessGranter against AWS (or anything speaking its APIs: the sandbox, moto, LocalStack).
 * Every failure becomes a failed outcome with the reason and the fix; nothing throws but
 * `isPresent`, whose caller must not read "AWS could not say" as "absent".
 */
export class AwsAccessGranter implements AccessGranter {
  private readonly identities: GrantIdentities;
  private readonly assignments: AccountAssignments;
  /** One IAM change per managed user at a time, so two grants at once create one access key. */
  private readonly users = new KeyedMutex();

  constructor(
    private readonly runtime: GrantingAws,
    options: AwsAccessGranterOptions = {},
  ) {
    this.identities = new GrantIdentities(runtime);
    this.assignments = new AccountAssignments(
      { ...DEFAULT_IDENTITY_CENTER_TIMING, ...options.identityCenter },
      options.wait,
    );
  }

  async grant(
    ctx: GrantContext,
    subject: GrantSubject,
    target: GrantTarget,
    attempt: GrantAttempt = {},
  ): Promise<GrantOutcome> {
    try {
      switch (target.kind) {
        case "sso-account-assignment": {
          const { sso, store } = await this.identityCenter(ctx);
          const userId = await requireIdentityCenterUser(store, target.identityStoreId, subject);
          await this.assignments.ensure(sso, target, userId, "present", {
            lookFirst: !attempt.firstAttempt,
          });
          return { status: "granted", detail: { identityCenterUserId: userId } };
        }
        case "identity-center-group": {
          const { store } = await this.identityCenter(ctx);
          const userId = await requireIdentityCenterUser(store, target.identityStoreId, subject);
          await addToGroup(store, target, userId);
          return { status: "granted", detail: { identityCenterUserId: userId } };
        }
        default: {
          const { iam, userName } = await this.iam(ctx, subject, target);
          const detail = await this.users.run(`${target.accountId}|${userName}`, () =>
            grantIam(iam, userName, subject, target, partitionOf(ctx.region)),
          );
          return { status: "granted", detail };
        }
      }
    } catch (error) {
      return grantFailure(error, `Granting ${describe(subject, target)}`, actionsFor(target));
    }
  }

  async revoke(
    ctx: GrantContext,
    subject: GrantSubject,
    target: GrantTarget,
    attempt: GrantAttempt = {},
  ): Promise<RevokeOutcome> {
    try {
      switch (target.kind) {
        case "sso-account-assignment":
        case "identity-center-group": {
          const { sso, store } = await this.identityCenter(ctx);
          const userId = await findIdentityCenterUser(store, target.identityStoreId, subject);
          // No such user: Identity Center removed its assignments and memberships with it.
          if (!userId) return { status: "revoked" };
          if (target.kind === "identity-center-group") await removeFromGroup(store, target, userId);
          else
            await this.assignments.ensure(sso, target, userId, "absent", {
              lookFirst: !attempt.firstAttempt,
            });
          return { status: "revoked" };
        }
        default: {
          const { iam, userName } = await this.iam(ctx, subject, target);
          await this.users.run(`${target.accountId}|${userName}`, () => revokeIam(iam, userName, target));
          return { status: "revoked" };
        }
      }
    } catch (error) {
      return grantFailure(error, `Revoking ${describe(subject, target)}`, actionsFor(target));
    }
  }

  async isPresent(ctx: GrantContext, subject: GrantSubject, target: GrantTarget): Promise<boolean> {
    switch (target.kind) {
      case "sso-account-assignment":
      case "identity-center-group": {
        const { sso, store } = await this.identityCenter(ctx);
        const userId = await findIdentityCenterUser(store, target.identityStoreId, subject);
        if (!userId) return false;
        if (target.kind === "identity-center-group") {
          return (await membershipId(store, target as GroupTarget, userId)) !== undefined;
        }
        return this.assignments.isAssigned(sso, target as AssignmentTarget, userId);
      }
      default: {
        const { iam, userName } = await this.iam(ctx, subject, target);
        return iamGrantPresent(iam, userName, target, partitionOf(ctx.region));
      }
    }
  }

  /**
   * The managed IAM users of an account and what they hold (for the reconciler's "access no grant
   * holds"). Not part of AccessGranter: only an AWS granter has managed users. Throws on AWS errors.
   */
  async managedIamUsers(ctx: GrantContext, accountId: string): Promise<ManagedIamUser[]> {
    const identity = await this.identities.account(ctx, accountId);
    return listManagedIamUsers(await this.runtime.aws.get("iam", identity, ctx.region));
  }

  /**
   * Removes inline policies and group memberships of the managed user `userName` in `accountId`
   * (the reconciler's "access Portcullis created that no grant holds"). Throws on AWS errors.
   */
  async removeManagedAccess(
    ctx: GrantContext,
    accountId: string,
    userName: string,
    access: { policyNames: string[]; groupNames: string[] },
  ): Promise<void> {
    const identity = await this.identities.account(ctx, accountId);
    const iam = await this.runtime.aws.get("iam", identity, ctx.region);
    await this.users.run(`${accountId}|${userName}`, () => removeIamAccess(iam, userName, access));
  }

  private async identityCenter(ctx: GrantContext) {
    const identity = await this.identities.management(ctx);
    const region = (ctx as IdentityCenterCtx).ssoRegion;
    const [sso, store] = await Promise.all([
      this.runtime.aws.get("sso-admin", identity, region),
      this.runtime.aws.get("identitystore", identity, region),
    ]);
    return { sso, store };
  }

  private async iam(ctx: GrantContext, subject: GrantSubject, target: IamTarget) {
    const identity: AwsIdentity = await this.identities.account(ctx, target.accountId);
    const iam = await this.runtime.aws.get("iam", identity, ctx.region);
    return { iam, userName: managedUserName(subject) };
  }
}
