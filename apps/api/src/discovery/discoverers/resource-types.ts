import { ec2Instances } from "./ec2-instances.ts";
import { iamGroups } from "./iam-groups.ts";
import { iamRoles } from "./iam-roles.ts";
import { iamUsers } from "./iam-users.ts";
import { identityCenterGroups, permissionSets } from "./identity-center.ts";
import { rdsInstances } from "./rds-instances.ts";
import { s3Buckets } from "./s3-buckets.ts";
import type { Discoverer } from "./types.ts";

/** How one resource type is read: the discoverer, what it is called, and the IAM actions it needs. */
export type ResourceTypeReader = { discover: Discoverer; doing: string; actions: readonly string[] };

const IAM_ROLES = {
  discover: iamRoles,
  doing: "listing IAM roles",
  actions: ["iam:ListRoles", "iam:ListRoleTags"],
};
const S3_BUCKETS = {
  discover: s3Buckets,
  doing: "listing S3 buckets",
  actions: ["s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetBucketTagging"],
};

/** Every resource type read by a discoverer (organization accounts are read by the OU walk). */
export const RESOURCE_TYPE_READERS: Record<string, ResourceTypeReader> = {
  "aws-account-iam-role": IAM_ROLES,
  "aws-account-iam-group": { discover: iamGroups, doing: "listing IAM groups", actions: ["iam:ListGroups"] },
  "aws-account-iam-user": {
    discover: iamUsers,
    doing: "listing IAM users",
    actions: ["iam:ListUsers", "iam:ListUserTags"],
  },
  "aws-account-s3-bucket": S3_BUCKETS,
  "aws-account-ec2-instance": {
    discover: ec2Instances,
    doing: "listing EC2 instances",
    actions: ["ec2:DescribeInstances"],
  },
  "aws-account-rds-instance": {
    discover: rdsInstances,
    doing: "listing RDS instances",
    actions: ["rds:DescribeDBInstances"],
  },
  "aws-organization-permission-set": {
    discover: permissionSets,
    doing: "listing IAM Identity Center permission sets",
    actions: ["sso:ListInstances", "sso:ListPermissionSets", "sso:DescribePermissionSet"],
  },
  "aws-organization-group": {
    discover: identityCenterGroups,
    doing: "listing IAM Identity Center groups",
    actions: ["sso:ListInstances", "identitystore:ListGroups"],
  },
  "aws-organization-iam-role": IAM_ROLES,
  "aws-organization-s3-bucket": S3_BUCKETS,
};
