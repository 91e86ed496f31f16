// The interface the access spine needs from the `granting` layer (ACCESS.md "Granting interface"),
// as written in /work/wt/granting/apps/api/src/granting/types.ts. Until that branch is merged the
// spine codes against this copy; at merge these types and `targetKey` are re-exported from
// ../../granting instead (same names, same shapes). The granter is always injected, never imported.

/** Who receives access. */
export type GrantSubject = {
  personId: string;
  email: string;
  userName: string;
  managedUser?: { userName?: string; accessKeyIds?: string[] };
};

/** What is granted, resolved from the integration, the resource and the permission. */
export type GrantTarget =
  | {
      kind: "sso-account-assignment";
      accountId: string;
      permissionSetArn: string;
      permissionSetName: string;
      instanceArn: string;
      identityStoreId: string;
    }
  | { kind: "identity-center-group"; identityStoreId: string; groupId: string; groupName: string }
  | { kind: "iam-role"; accountId: string; roleArn: string }
  | { kind: "iam-group"; accountId: string; groupName: string }
  | { kind: "s3-bucket"; accountId: string; bucketName: string; access: "read-only" | "read-write" }
  | { kind: "ec2-instance"; accountId: string; region: string; instanceArn: string }
  | { kind: "rds-instance"; accountId: string; region: string; dbiResourceId: string; dbUser: string };

export type GrantConnector = { id: string; roleArn: string | null; externalId: string; region: string };

export type GrantContext = { integrationId: string; connector: GrantConnector; region: string } & (
  | { kind: "aws-account" }
  | { kind: "aws-organization"; ssoRegion: string; managementRoleArn: string; memberRoleName: string }
);

export type GrantDetail = {
  identityCenterUserId?: string;
  managedUserName?: string;
  managedUserArn?: string;
  accessKey?: { accessKeyId: string; secretAccessKey: string };
};

export type GrantFailure = { status: "failed"; reason: string; fix: string; retryable: boolean };
export type GrantOutcome = { status: "granted"; detail: GrantDetail } | GrantFailure;
export type RevokeOutcome = { status: "revoked" } | GrantFailure;

export type AccessGranter = {
  grant(ctx: GrantContext, subject: GrantSubject, target: GrantTarget): Promise<GrantOutcome>;
  revoke(ctx: GrantContext, subject: GrantSubject, target: GrantTarget): Promise<RevokeOutcome>;
  isPresent(ctx: GrantContext, subject: GrantSubject, target: GrantTarget): Promise<boolean>;
};

/** Same as granting's targetKey: two grants with the same key give the subject the same thing. */
export function targetKey(target: GrantTarget): string {
  switch (target.kind) {
    case "sso-account-assignment":
      return `sso:${target.accountId}:${target.permissionSetArn}`;
    case "identity-center-group":
      return `idc-group:${target.identityStoreId}:${target.groupId}`;
    case "iam-role":
      return `iam-role:${target.roleArn}`;
    case "iam-group":
      return `iam-group:${target.accountId}:${target.groupName}`;
    case "s3-bucket":
      return `s3:${target.accountId}:${target.bucketName}:${target.access}`;
    case "ec2-instance":
      return `ec2:${target.instanceArn}`;
    case "rds-instance":
      return `rds:${target.accountId}:${target.region}:${target.dbiResourceId}:${target.dbUser}`;
  }
}

/**
 * The granter of a build without the AWS granting layer: every grant fails, saying why, so a
 * request never pretends to be GRANTED. Replaced by granting's AWS granter at merge.
 */
export const unavailableGranter: AccessGranter = {
  async grant() {
    return {
      status: "failed",
      reason: "This server has no AWS granting layer yet, so nothing was granted.",
      fix: "Ask an admin to upgrade Portcullis to a version that grants access in AWS, then request again.",
      retryable: false,
    };
  },
  async revoke() {
    return { status: "revoked" };
  },
  async isPresent() {
    return false;
  },
};
