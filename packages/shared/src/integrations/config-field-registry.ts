import type { z } from "zod";
import { AWS_REGION_CODES, awsRegionLabel } from "../catalog/aws-regions.ts";
import type { TConfigFieldKind, TConfigParamDefinition } from "../catalog/catalog.types.ts";
import { OU_ID_EXAMPLE } from "../common/aws-formats.ts";
import {
  MEMBER_ACCOUNT_ROLE_NAME_DEFAULT,
  PROFILE_DEFAULT,
  parseOrganizationUnitIds,
  ZCredentialsCleanupField,
  ZCredentialsRotationField,
  ZEnableAuditField,
  ZExcludedOrganizationUnitIdsField,
  ZManagementAccountRoleArnField,
  ZMemberAccountRoleNameField,
  ZProfileField,
  ZRegionField,
  ZSsoPortalField,
  ZSsoRegionField,
} from "./config-fields.schema.ts";

/** A setting of `integration_config`: its texts, its kind and the schema of its value. */
export type TConfigField<TId extends string = string, TSchema extends z.ZodType = z.ZodType> = Omit<
  TConfigParamDefinition,
  "id"
> & {
  id: TId;
  schema: TSchema;
};

function defineField<const TId extends string, TSchema extends z.ZodType>(
  field: TConfigField<TId, TSchema>,
): TConfigField<TId, TSchema> {
  return field;
}

// Every setting of every integration type, defined once: the catalog lists them per type,
// the config schemas are built from their `schema`, the wizard draws them by `kind`, and the
// summaries format their values with `formatConfigValue`. Texts are the documentation's
// ("Apono" reads "Portcullis" throughout).
export const CONFIG_FIELDS = {
  region: defineField({
    id: "region",
    kind: "region",
    label: "Region",
    help: "Region in which the organization runs",
    optional: false,
    values: AWS_REGION_CODES,
    step: "integration-config",
    schema: ZRegionField,
  }),
  profile: defineField({
    id: "profile",
    kind: "text",
    label: "AWS Profile Name",
    help: "Name of the AWS profile. By default, Portcullis sets this value to apono.",
    optional: true,
    default: PROFILE_DEFAULT,
    placeholder: PROFILE_DEFAULT,
    step: "integration-config",
    schema: ZProfileField,
  }),
  enable_audit: defineField({
    id: "enable_audit",
    kind: "boolean",
    label: "Enable Audit",
    help: "Feature that allows Portcullis to ingest and aggregate session audit logs",
    optional: true,
    default: "false",
    values: ["true", "false"],
    step: "integration-config",
    schema: ZEnableAuditField,
  }),
  credentials_rotation_period_in_days: defineField({
    id: "credentials_rotation_period_in_days",
    kind: "days",
    label: "Credential Rotation",
    help: "Number of days after which the database credentials must be rotated",
    optional: true,
    placeholder: "90",
    step: "get-more",
    schema: ZCredentialsRotationField,
  }),
  credentials_cleanup_period_in_days: defineField({
    id: "credentials_cleanup_period_in_days",
    kind: "days",
    label: "Credentials Cleanup Period",
    help: "Number of days without a grant after which the IAM users Portcullis created for people are deleted with their access keys (90 when not set)",
    optional: true,
    placeholder: "90",
    step: "get-more",
    schema: ZCredentialsCleanupField,
  }),
  sso_region: defineField({
    id: "sso_region",
    kind: "region",
    label: "AWS SSO Region",
    help: "Region for which your single sign-on is configured",
    optional: false,
    values: AWS_REGION_CODES,
    step: "integration-config",
    schema: ZSsoRegionField,
  }),
  sso_portal: defineField({
    id: "sso_portal",
    kind: "text",
    label: "SSO Portal",
    help: "Single sign-on URL. This is required for Portcullis to generate a sign-in link for end users to use their granted access.",
    optional: false,
    placeholder: "https://my-org.awsapps.com/start",
    step: "integration-config",
    schema: ZSsoPortalField,
  }),
  management_account_role_arn: defineField({
    id: "management_account_role_arn",
    kind: "text",
    label: "Management Account Role ARN",
    help: "ARN of the role to assume in the management account",
    optional: false,
    placeholder: "arn:aws:iam::123456789012:role/PortcullisManagement",
    step: "integration-config",
    schema: ZManagementAccountRoleArnField,
  }),
  excluded_organization_unit_ids: defineField({
    id: "excluded_organization_unit_ids",
    kind: "ou-list",
    label: "Exclude Organization Unit IDs",
    // The documentation's example (ou-aaa1-1111) is shorter than a real OU id and would
    // fail validation, so the example shows ids of the real shape.
    help: `ID of organizational units to exclude. Example: ${OU_ID_EXAMPLE},ou-bbb2-22222222`,
    optional: true,
    placeholder: `${OU_ID_EXAMPLE},ou-bbb2-22222222`,
    step: "integration-config",
    schema: ZExcludedOrganizationUnitIdsField,
  }),
  member_account_role_name: defineField({
    id: "member_account_role_name",
    kind: "text",
    label: "Member Account Role Name",
    help: "Name of the role Portcullis assumes in each member account. By default, Portcullis uses OrganizationAccountAccessRole.",
    optional: true,
    default: MEMBER_ACCOUNT_ROLE_NAME_DEFAULT,
    placeholder: MEMBER_ACCOUNT_ROLE_NAME_DEFAULT,
    step: "integration-config",
    schema: ZMemberAccountRoleNameField,
  }),
} as const;

export type TConfigFieldId = keyof typeof CONFIG_FIELDS;

/** The zod shape of a list of settings: `{ [field.id]: field.schema }`, typed per field. */
export type TConfigShape<TFields extends readonly TConfigField[]> = {
  [F in TFields[number] as F["id"]]: F["schema"];
};

export function configShape<const TFields extends readonly TConfigField[]>(
  fields: TFields,
): TConfigShape<TFields> {
  return Object.fromEntries(fields.map((field) => [field.id, field.schema])) as TConfigShape<TFields>;
}

/**
 * A setting's value as the summaries show it (the confirm step, the integration page):
 * "Not set" when empty, region codes with their names, "On"/"Off", "Every 90 days".
 */
export function formatConfigValue(
  field: { readonly kind: TConfigFieldKind },
  value: string | null | undefined,
): string {
  if (value === undefined || value === null || value === "") return "Not set";
  switch (field.kind) {
    case "region":
      return awsRegionLabel(value);
    case "boolean":
      return value === "true" ? "On" : "Off";
    case "days":
      return value === "1" ? "Every day" : `Every ${value} days`;
    case "ou-list":
      return parseOrganizationUnitIds(value).join(", ");
    case "text":
      return value;
    default: {
      const unknown: never = field.kind;
      return String(unknown);
    }
  }
}
