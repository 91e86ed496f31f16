// Who made the calls of a granted session, as CloudTrail names them, and how an event is
// recognised as theirs.

/** The principal one granted entitlement acts as in AWS. */
export type SessionPrincipal =
  | {
      /** An Identity Center account assignment: the AWSReservedSSO_<PermissionSet>_… role, session = user name. */
      kind: "identity-center";
      /**
       * The Identity Center user name the session carries: the person's user name, and their email
       * too (granting finds the Identity Center user by email when the user names differ).
       */
      userNames: string[];
      permissionSetName: string;
    }
  | {
      /** Portcullis's managed IAM user for the person in the account (any of its access keys). */
      kind: "iam-user";
      userName: string;
      accessKeyIds: string[];
    }
  | {
      /**
       * A role session the managed IAM user started with sts:AssumeRole: its calls carry the
       * temporary key (ASIA…) the AssumeRole event's responseElements named.
       */
      kind: "assumed-session";
      accessKeyId: string;
    };

export type LookupAttribute = { key: "Username" | "AccessKeyId"; value: string };

/**
 * CloudTrail's LookupEvents filters (one attribute per request): the user name narrows a
 * person's own identity most; a role session's name is the caller's choice, so it is found by
 * its temporary key instead.
 */
export function lookupAttributes(principal: SessionPrincipal): LookupAttribute[] {
  if (principal.kind === "assumed-session") return [{ key: "AccessKeyId", value: principal.accessKeyId }];
  const names =
    principal.kind === "identity-center" ? [...new Set(principal.userNames)] : [principal.userName];
  return names.map((value) => ({ key: "Username", value }));
}

/** The parts of CloudTrailEvent's userIdentity that say who called. */
export type UserIdentity = {
  type?: string;
  arn?: string;
  userName?: string;
  accessKeyId?: string;
  sessionContext?: { sessionIssuer?: { userName?: string; arn?: string } };
};

/** The role name Identity Center gives a permission set in every account: AWSReservedSSO_<name>_<16 hex>. */
function isReservedSsoRole(roleName: string | undefined, permissionSetName: string): boolean {
  return roleName?.startsWith(`AWSReservedSSO_${permissionSetName}_`) === true;
}

/** Session name of an assumed-role ARN: arn:aws:sts::<acct>:assumed-role/<role>/<session>. */
function sessionNameOf(arn: string | undefined): string | undefined {
  const match = arn ? /:assumed-role\/[^/]+\/(.+)$/.exec(arn) : null;
  return match?.[1];
}

/**
 * True when the event was made by the session's principal. The lookup already filtered by user
 * name; this also checks the kind of identity, so a role session that happens to carry the same
 * name as a managed user (or another permission set's session) is not taken for it.
 */
export function matchesPrincipal(principal: SessionPrincipal, identity: UserIdentity): boolean {
  if (principal.kind === "identity-center") {
    if (identity.type !== "AssumedRole") return false;
    const roleName = identity.sessionContext?.sessionIssuer?.userName;
    const session = sessionNameOf(identity.arn);
    return (
      isReservedSsoRole(roleName, principal.permissionSetName) &&
      principal.userNames.some((name) => session?.toLowerCase() === name.toLowerCase())
    );
  }
  if (principal.kind === "assumed-session")
    return identity.type === "AssumedRole" && identity.accessKeyId === principal.accessKeyId;
  if (identity.type !== "IAMUser") return false;
  if (identity.userName === principal.userName) return true;
  return identity.accessKeyId !== undefined && principal.accessKeyIds.includes(identity.accessKeyId);
}
