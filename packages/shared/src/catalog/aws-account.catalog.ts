import { CONFIG_FIELDS } from "../integrations/config-field-registry.ts";
import { PROFILE_DEFAULT } from "../integrations/config-fields.schema.ts";
import type { TIntegrationTypeDefinition } from "./catalog.types.ts";

export const AWS_ACCOUNT_RESOURCE_TYPES = [
  "aws-account-iam-role",
  "aws-account-iam-group",
  "aws-account-iam-user",
  "aws-account-s3-bucket",
  "aws-account-ec2-instance",
  "aws-account-rds-instance",
] as const;

export type TAwsAccountResourceType = (typeof AWS_ACCOUNT_RESOURCE_TYPES)[number];

/** "global": one listing covers the account (IAM, S3); "region": listed per region. */
export type TAwsAccountScope = "global" | "region";

export const AWS_ACCOUNT_DEFAULTS = { profile: PROFILE_DEFAULT } as const;

export const AWS_ACCOUNT_CATALOG = {
  type: "aws-account",
  label: "Amazon Account",
  category: "Cloud",
  description:
    "Discover IAM roles, groups and users, S3 buckets, EC2 instances and RDS instances in one AWS account, through the connector installed in it.",
  prerequisites: [
    "A Portcullis connector installed in your AWS account.",
    "To sync and manage access to EC2 servers, the AmazonSSMManagedInstanceCore policy attached to the connector's IAM role.",
  ],
  params: [
    CONFIG_FIELDS.region,
    CONFIG_FIELDS.profile,
    CONFIG_FIELDS.enable_audit,
    CONFIG_FIELDS.credentials_rotation_period_in_days,
    CONFIG_FIELDS.credentials_cleanup_period_in_days,
  ],
  resourceTypes: [
    {
      id: "aws-account-iam-role",
      label: "IAM role",
      description: "IAM roles of the account, which users can be granted to assume.",
      prerequisites: [],
      scope: "global",
    },
    {
      id: "aws-account-iam-group",
      label: "IAM group",
      description: "IAM groups of the account, which users can be added to.",
      prerequisites: [],
      scope: "global",
    },
    {
      id: "aws-account-iam-user",
      label: "IAM user",
      description: "IAM users of the account.",
      prerequisites: [],
      scope: "global",
    },
    {
      id: "aws-account-s3-bucket",
      label: "S3 bucket",
      description: "S3 buckets owned by the account, in every region.",
      prerequisites: [],
      scope: "global",
    },
    {
      id: "aws-account-ec2-instance",
      label: "EC2 instance",
      description: "EC2 instances of the account, listed region by region.",
      prerequisites: [
        "The AmazonSSMManagedInstanceCore policy must be attached to the connector's IAM role.",
      ],
      scope: "region",
    },
    {
      id: "aws-account-rds-instance",
      label: "RDS instance",
      description: "RDS database instances of the account, listed region by region.",
      prerequisites: [],
      scope: "region",
    },
  ],
} as const satisfies TIntegrationTypeDefinition<"aws-account", TAwsAccountResourceType, TAwsAccountScope>;
