import { OU_ID_EXAMPLE } from "../common/aws-formats.ts";
import type { TIntegrationTypeDefinition } from "./catalog.types.ts";
import { ENABLE_AUDIT_PARAM, REGION_PARAM } from "./shared-params.catalog.ts";

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
  member_account_role_name: "OrganizationAccountAccessRole",
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
    REGION_PARAM,
    {
      id: "sso_region",
      label: "AWS SSO Region",
      help: "Region for which your single sign-on is configured",
      optional: false,
      values: REGION_PARAM.values,
      step: "integration-config",
    },
    {
      id: "sso_portal",
      label: "SSO Portal",
      help: "Single sign-on URL. This is required for Portcullis to generate a sign-in link for end users to use their granted access.",
      optional: false,
      placeholder: "https://my-org.awsapps.com/start",
      step: "integration-config",
    },
    {
      id: "management_account_role_arn",
      label: "Management Account Role ARN",
      help: "ARN of the role to assume in the management account",
      optional: false,
      placeholder: "arn:aws:iam::123456789012:role/PortcullisManagement",
      step: "integration-config",
    },
    {
      id: "excluded_organization_unit_ids",
      label: "Exclude Organization Unit IDs",
      // The documentation's example (ou-aaa1-1111) is shorter than a real OU id and would
      // fail validation, so the example shows ids of the real shape.
      help: `ID of organizational units to exclude. Example: ${OU_ID_EXAMPLE},ou-bbb2-22222222`,
      optional: true,
      placeholder: `${OU_ID_EXAMPLE},ou-bbb2-22222222`,
      step: "integration-config",
    },
    {
      id: "member_account_role_name",
      label: "Member Account Role Name",
      help: "Name of the role Portcullis assumes in each member account. By default, Portcullis uses OrganizationAccountAccessRole.",
      optional: true,
      default: AWS_ORGANIZATION_DEFAULTS.member_account_role_name,
      placeholder: AWS_ORGANIZATION_DEFAULTS.member_account_role_name,
      step: "integration-config",
    },
    ENABLE_AUDIT_PARAM,
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
