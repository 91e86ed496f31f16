import { z } from "zod";
import { AWS_ORGANIZATION_CATALOG } from "../catalog/aws-organization.catalog.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";
import { CONFIG_NOT_AN_OBJECT } from "./aws-account-config.schema.ts";
import { configShape } from "./config-field-registry.ts";
import { dropUndefined } from "./drop-undefined.ts";

/**
 * `integration_config` of an Amazon Organization. Strict, like the account's. Output has
 * `member_account_role_name` defaulted, the OU list normalised, and empty optional
 * settings removed.
 */
export const ZAwsOrganizationConfig = z
  .strictObject(configShape(AWS_ORGANIZATION_CATALOG.params), {
    error: unknownKeysError({
      where: "the Amazon Organization integration config",
      notAnObject: CONFIG_NOT_AN_OBJECT,
      hints: {
        credentials_rotation_period_in_days:
          'Remove "credentials_rotation_period_in_days": Credential Rotation is only available for Amazon Account integrations.',
        profile: 'Remove "profile": AWS Profile Name is only available for Amazon Account integrations.',
      },
    }),
  })
  .transform(dropUndefined);

export type TAwsOrganizationConfig = z.output<typeof ZAwsOrganizationConfig>;
export type TAwsOrganizationConfigInput = z.input<typeof ZAwsOrganizationConfig>;
