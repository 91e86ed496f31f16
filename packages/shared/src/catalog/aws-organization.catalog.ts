import { CONFIG_FIELDS } from "../integrations/config-field-registry.ts";
import { MEMBER_ACCOUNT_ROLE_NAME_DEFAULT } from "../integrations/config-fields.schema.ts";
import type { TIntegrationTypeDefinition } from "./catalog.types.ts";

export const AWS_ORGANIZATION_RESOURCE_TYPES = [
  "aws-organization-account",
  "aws-organization-permission-set",
  "aws-organization-group",
  "aws-organization-iam-role",
  "aws-organization-s3-bucket",
] as const;

export type TAwsOrganizationResourceType = (typeof AWS_ORGANIZATION_RESOURCE_TYPES)[number];

/**
 * "organization": read once through the management account (Organizations, IAM Identity
 * Center); "member-account": read in every member account that is not excluded, by
 * assuming the member account role.
 */
export type TAwsOrganizationScope = "organization" | "member-account";

export const AWS_ORGANIZATION_DEFAULTS = {
  member_account_role_name: MEMBER_ACCOUNT_ROLE_NAME_DEFAULT,
} as const;

const MEMBER_ROLE_PREREQUISITE =
  "The member account role (OrganizationAccountAccessRole unless configured otherwise) must exist in each member account and trust the management account role.";

export const AWS_ORGANIZATION_CATALOG = {
  type: "aws-organization",
  label: "Amazon Organization",
  category: "Cloud",
  description:
    "Discover the accounts of an AWS organization, its IAM Identity Center permission sets and groups, and the IAM roles and S3 buckets of its member accounts.",
  prerequisites: [
    "A Portcullis connector installed in your AWS account.",
    "A role in the management account that the connector can assume (the Management Account Role ARN).",
  ],
  params: [
    CONFIG_FIELDS.region,
    CONFIG_FIELDS.sso_region,
    CONFIG_FIELDS.sso_portal,
    CONFIG_FIELDS.management_account_role_arn,
    CONFIG_FIELDS.excluded_organization_unit_ids,
    CONFIG_FIELDS.member_account_role_name,
    CONFIG_FIELDS.enable_audit,
  ],
  resourceTypes: [
    {
      id: "aws-organization-account",
      label: "AWS account",
      description: "Member accounts of the organization, read from AWS Organizations.",
      prerequisites: ["The management account role must be allowed to list the organization's accounts."],
      scope: "organization",
    },
    {
      id: "aws-organization-permission-set",
      label: "Permission set",
      description: "IAM Identity Center permission sets, which users can be granted in member accounts.",
      prerequisites: ["IAM Identity Center must be enabled in the AWS SSO Region."],
      scope: "organization",
    },
    {
      id: "aws-organization-group",
      label: "IAM Identity Center group",
      description: "Groups of IAM Identity Center, which users can be added to.",
      prerequisites: ["IAM Identity Center must be enabled in the AWS SSO Region."],
      scope: "organization",
    },
    {
      id: "aws-organization-iam-role",
      label: "IAM role",
      description: "IAM roles in every member account that is not excluded.",
      prerequisites: [MEMBER_ROLE_PREREQUISITE],
      scope: "member-account",
    },
    {
      id: "aws-organization-s3-bucket",
      label: "S3 bucket",
      description: "S3 buckets in every member account that is not excluded.",
      prerequisites: [MEMBER_ROLE_PREREQUISITE],
      scope: "member-account",
    },
  ],
} as const satisfies TIntegrationTypeDefinition<
  "aws-organization",
  TAwsOrganizationResourceType,
  TAwsOrganizationScope
>;
