// The exact AWS actions discovery calls (apps/api/src/discovery: the SDK commands it sends),
// grouped by the role that makes the call. Nothing here writes.

/** Read in an account (the connector role for an Amazon Account; member roles in an organization). */
export const ACCOUNT_READ_ACTIONS = [
  "iam:ListRoles",
  "iam:ListRoleTags",
  "iam:ListUsers",
  "iam:ListUserTags",
  "iam:ListGroups",
  "s3:ListAllMyBuckets",
  "s3:GetBucketLocation",
  "s3:GetBucketTagging",
  "ec2:DescribeInstances",
  "rds:DescribeDBInstances",
] as const;

/** The connector role checks itself: who it is, and whether the SSM policy is attached (for EC2). */
export const CONNECTOR_SELF_ACTIONS = ["sts:GetCallerIdentity", "iam:ListAttachedRolePolicies"] as const;

/** The management account role: the organization, IAM Identity Center and its Identity Store. */
export const ORGANIZATION_READ_ACTIONS = [
  "organizations:DescribeOrganization",
  "organizations:DescribeOrganizationalUnit",
  "organizations:ListRoots",
  "organizations:ListOrganizationalUnitsForParent",
  "organizations:ListAccountsForParent",
  "organizations:ListAccounts",
  "organizations:ListParents",
  "organizations:ListTagsForResource",
] as const;

export const IDENTITY_CENTER_READ_ACTIONS = [
  "sso:ListInstances",
  "sso:ListPermissionSets",
  "sso:DescribePermissionSet",
  "identitystore:ListGroups",
  "identitystore:ListUsers",
  "identitystore:ListGroupMemberships",
] as const;
