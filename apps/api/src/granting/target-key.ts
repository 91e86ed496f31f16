import { createHash } from "node:crypto";
import type { GrantTarget } from "./types.ts";

/**
 * Stable key of "the same access" for reference counting: two grants with the same key give the
 * subject the same thing, so only the last one's revoke takes it away. Names that do not change
 * what is granted (permission set and group names) are left out.
 */
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
 * The inline policy that carries one IAM target on the managed user: `portcullis-` and 16 hex
 * digits of the key's SHA-256 (policy names allow 128 characters; ARNs do not fit).
 */
export function policyNameFor(target: GrantTarget): string {
  return `portcullis-${createHash("sha256").update(targetKey(target)).digest("hex").slice(0, 16)}`;
}
