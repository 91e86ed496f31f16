import { z } from "zod";
import { CONFIG_DEFAULTS } from "../catalog/integration-catalog.ts";
import type { TIntegrationType } from "../catalog/integration-types.ts";
import { ZAwsAccountConfig } from "./aws-account-config.schema.ts";
import { ZAwsOrganizationConfig } from "./aws-organization-config.schema.ts";

/** The `integration_config` schema of each type. */
export const ZIntegrationConfigFor = {
  "aws-account": ZAwsAccountConfig,
  "aws-organization": ZAwsOrganizationConfig,
} as const satisfies Record<TIntegrationType, z.ZodType>;

export const INTEGRATION_CONFIG_KEY_MAX = 64;
export const INTEGRATION_CONFIG_VALUE_MAX = 8192;
export const INTEGRATION_CONFIG_ENTRIES_MAX = 50;

/**
 * Any integration's config as the published API describes it: a map of strings. Use it
 * where the type is not known yet (the update route's body); validate by type afterwards.
 */
export const ZIntegrationConfigMap = z
  .record(
    z.string().max(INTEGRATION_CONFIG_KEY_MAX),
    z
      .string({ error: "Send every integration config value as a string." })
      .max(INTEGRATION_CONFIG_VALUE_MAX, {
        error: `Integration config values must be at most ${INTEGRATION_CONFIG_VALUE_MAX} characters.`,
      }),
    {
      // A key failing its own check is reported by the record as `invalid_key`.
      error: (issue) =>
        issue.code === "invalid_key"
          ? `Integration config keys must be at most ${INTEGRATION_CONFIG_KEY_MAX} characters.`
          : "Send integration_config as an object of settings.",
    },
  )
  .refine((config) => Object.keys(config).length <= INTEGRATION_CONFIG_ENTRIES_MAX, {
    error: `Integration config may have at most ${INTEGRATION_CONFIG_ENTRIES_MAX} settings.`,
  });

export type TIntegrationConfigMap = z.output<typeof ZIntegrationConfigMap>;

/**
 * Fill in defaults and drop empty values of a stored or partially filled config, e.g.
 * for the form's initial values or for configs saved before a default existed. Values
 * that are set are kept as they are.
 */
export function withConfigDefaults(
  type: TIntegrationType,
  config: Readonly<Record<string, string | null | undefined>>,
): Record<string, string> {
  const result: Record<string, string> = { ...CONFIG_DEFAULTS[type] };
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === "string" && value.trim() !== "") result[key] = value;
  }
  return result;
}
