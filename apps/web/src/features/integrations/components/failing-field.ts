import type { TIntegrationV4 } from "@portcullis/shared";

/**
 * The wizard field most likely to fix a failed fetch, from its errors (the edit page opens at
 * it, `?field=`): a configuration value the error names (the role ARN that cannot be assumed,
 * the SSO Region where Identity Center was not found), else the connector when the fetch could
 * not start, else the region.
 */
export function failingField(integration: TIntegrationV4): string {
  const errors = integration.portcullis.errors;
  const texts = [integration.portcullis.status_message ?? "", ...errors.map((error) => error.message)];
  // Longest values first: an ARN wins over a region it contains.
  const named = Object.entries(integration.integration_config)
    .filter(([, value]) => value.length > 0)
    .sort(([, a], [, b]) => b.length - a.length)
    .find(([, value]) => texts.some((text) => text.includes(value)));
  if (named) return `integration_config.${named[0]}`;
  if (errors.some((error) => error.code === "IdentityCenterNotFound")) return "integration_config.sso_region";
  if (errors.some((error) => error.scope === "connector")) return "connector_id";
  return "integration_config.region";
}
