// The contract between the access spine (modules/access-requests, its jobs) and the AWS side of
// granting. Plain data only: the spine reads its rows and passes these values in, so this layer
// never touches the database.

/** Who receives access. */
export type GrantSubject = {
  /** identity_people.id */
  personId: string;
  email: string;
  /** The identity person's user_name (Identity Center's userName when the person came from there). */
  userName: string;
  /**
   * What the spine recorded for this person's managed IAM user in the target's account
   * (managed_iam_users), for IAM targets. Optional: without it the name is derived and existing
   * keys are kept.
   */
  managedUser?: {
    /** The recorded name, kept even if the person's user name changed since. */
    userName?: string;
    /**
     * The key ids the spine stored (and showed to the person). A key of the user that is not in
     * this list was created by an attempt that crashed before its outcome was stored: its secret
     * is lost, so it is deleted and a new key is created and returned.
     */
    accessKeyIds?: string[];
  };
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

export type GrantTargetKind = GrantTarget["kind"];

/** The connector an integration uses (the columns of `connectors` that reach AWS). */
export type GrantConnector = {
  id: string;
  /** Null: the process's own credentials chain is the connector. */
  roleArn: string | null;
  externalId: string;
  region: string;
};

/**
 * How the integration's AWS is reached, built from the integration row and its connector by
 * `buildGrantContext` (the same chain discovery uses: connector → management role → member role).
 */
export type GrantContext = {
  integrationId: string;
  connector: GrantConnector;
  /** The integration's region: global APIs (IAM, STS) are called there. */
  region: string;
} & (
  | { kind: "aws-account" }
  | {
      kind: "aws-organization";
      /** Identity Center (SSO Admin, Identity Store) is called in this region. */
      ssoRegion: string;
      managementRoleArn: string;
      /** Assumed in a member account (from the management role) for its IAM grants. */
      memberRoleName: string;
    }
);

export type GrantDetail = {
  identityCenterUserId?: string;
  managedUserName?: string;
  managedUserArn?: string;
  /** Only when the key was created by this call: shown to its owner once, never again. */
  accessKey?: { accessKeyId: string; secretAccessKey: string };
};

export type GrantFailure = {
  status: "failed";
  /** What AWS said, with its error code or FailureReason. */
  reason: string;
  /** What an admin (or the requester) does about it. */
  fix: string;
  /** True when the same call may succeed later (throttling, a network error, a busy assignment). */
  retryable: boolean;
};

export type GrantOutcome = { status: "granted"; detail: GrantDetail } | GrantFailure;
export type RevokeOutcome = { status: "revoked" } | GrantFailure;

/**
 * What the caller knows of this attempt. `firstAttempt`: no earlier attempt of this grant (or
 * revoke) reached AWS and nothing else Portcullis holds suggests AWS already is as desired, so the
 * granter may skip looking before it acts (Identity Center assignments: no ListAccountAssignments
 * before Create/Delete). It still looks when the operation conflicts or fails. Without it, the
 * granter looks first: a retry after a crash neither duplicates nor misses.
 */
export type GrantAttempt = { firstAttempt?: boolean };

export type AccessGranter = {
  /** Idempotent: access that already exists counts as granted. */
  grant(
    ctx: GrantContext,
    subject: GrantSubject,
    target: GrantTarget,
    attempt?: GrantAttempt,
  ): Promise<GrantOutcome>;
  /**
   * Idempotent: access already gone counts as revoked. The caller only calls it when no other
   * live grant holds the same targetKey for the subject (reference counting is the spine's).
   */
  revoke(
    ctx: GrantContext,
    subject: GrantSubject,
    target: GrantTarget,
    attempt?: GrantAttempt,
  ): Promise<RevokeOutcome>;
  /** For the reconciler: is this access present in AWS right now? Throws when AWS cannot tell. */
  isPresent(ctx: GrantContext, subject: GrantSubject, target: GrantTarget): Promise<boolean>;
};
