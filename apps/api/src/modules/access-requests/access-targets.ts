import { FIXED_PERMISSIONS, PERMISSION_SET_RESOURCE_TYPE } from "@portcullis/shared";
import type { GrantTarget } from "../../granting/index.ts";

/** The resource row fields a grant is resolved from. */
export type TargetResource = {
  type: string;
  externalId: string;
  name: string;
  accountId: string | null;
  region: string | null;
  metadata: Record<string, unknown>;
};

/** A permission set of the organization (a discovered aws-organization-permission-set). */
export type PermissionSetRow = { externalId: string; name: string; metadata: Record<string, unknown> };

/** Why a resource + permission cannot be granted, and what to do about it. */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/** The permission ids of a resource type: fixed ones, or the organization's permission sets by name. */
export function permissionIdsOf(resourceType: string, permissionSetNames: readonly string[]): string[] {
  if (resourceType === PERMISSION_SET_RESOURCE_TYPE) return [...permissionSetNames];
  return [...((FIXED_PERMISSIONS as Record<string, readonly string[]>)[resourceType] ?? [])];
}

export function isRequestableType(resourceType: string): boolean {
  return resourceType === PERMISSION_SET_RESOURCE_TYPE || resourceType in FIXED_PERMISSIONS;
}

const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

/** An IAM database user name from the grantee's user name (RDS IAM auth: letters, digits, _). */
export function dbUserOf(userName: string): string {
  const cleaned = userName.split("@")[0]?.replace(/[^A-Za-z0-9_]/g, "_") ?? "";
  return (/^[A-Za-z]/.test(cleaned) ? cleaned : `u_${cleaned}`).slice(0, 63);
}

/**
 * What granting `permission` on `resource` means in AWS. Throws TargetError (with the fix) when
 * the resource lacks what the grant needs.
 */
export function resolveTarget(input: {
  resource: TargetResource;
  permission: string;
  permissionSet: PermissionSetRow | null;
  granteeUserName: string;
}): GrantTarget {
  const { resource, permission } = input;
  const account = resource.accountId;
  const needAccount = (): string => {
    if (!account)
      throw new TargetError(
        `The resource ${resource.name} has no account id.`,
        "Refresh the integration, then request again.",
      );
    return account;
  };
  switch (resource.type) {
    case PERMISSION_SET_RESOURCE_TYPE: {
      const set = input.permissionSet;
      const instanceArn = text(set?.metadata.instance_arn);
      const identityStoreId = text(set?.metadata.identity_store_id);
      if (!set || !instanceArn || !identityStoreId)
        throw new TargetError(
          `The permission set ${permission} is not known with its Identity Center instance and identity store.`,
          "Refresh the organization integration (with the Permission set resource type), then request again.",
        );
      return {
        kind: "sso-account-assignment",
        accountId: needAccount(),
        permissionSetArn: set.externalId,
        permissionSetName: set.name,
        instanceArn,
        identityStoreId,
      };
    }
    case "aws-organization-group": {
      const groupId = text(resource.metadata.group_id);
      const identityStoreId = text(resource.metadata.identity_store_id);
      if (!groupId || !identityStoreId)
        throw new TargetError(
          `The group ${resource.name} has no Identity Center ids.`,
          "Refresh the integration, then request again.",
        );
      return { kind: "identity-center-group", identityStoreId, groupId, groupName: resource.name };
    }
    case "aws-organization-iam-role":
    case "aws-account-iam-role":
      return { kind: "iam-role", accountId: needAccount(), roleArn: resource.externalId };
    case "aws-account-iam-group":
      return { kind: "iam-group", accountId: needAccount(), groupName: resource.name };
    case "aws-organization-s3-bucket":
    case "aws-account-s3-bucket":
      return {
        kind: "s3-bucket",
        accountId: needAccount(),
        bucketName: resource.name,
        access: permission === "read-write" ? "read-write" : "read-only",
      };
    case "aws-account-ec2-instance":
      return {
        kind: "ec2-instance",
        accountId: needAccount(),
        region: resource.region ?? "us-east-1",
        instanceArn: resource.externalId,
      };
    case "aws-account-rds-instance": {
      const dbiResourceId = text(resource.metadata.dbi_resource_id);
      if (!dbiResourceId)
        throw new TargetError(
          `The database ${resource.name} has no DbiResourceId recorded.`,
          "Refresh the integration (discovery records each database's DbiResourceId), then request again.",
        );
      return {
        kind: "rds-instance",
        accountId: needAccount(),
        region: resource.region ?? "us-east-1",
        dbiResourceId,
        dbUser: dbUserOf(input.granteeUserName),
      };
    }
    default:
      throw new TargetError(
        `Access to ${resource.type} resources cannot be requested.`,
        "Choose a resource of a requestable type.",
      );
  }
}
