import type { TIntegrationV4 } from "@portcullis/shared";

/**
 * The wizard field most likely to fix a failed fetch, from its errors: the connector when the
 * connector failed, the SSO Region when Identity Center was not found, the management role when
 * the organization could not be read, else the region. The edit page opens at it (`?field=`).
 */
export function failingField(integration: TIntegrationV4): string {
  const errors = integration.portcullis.errors;
  const has = (test: (error: (typeof errors)[number]) => boolean) => errors.some(test);
  if (has((error) => error.scope === "connector" || error.code === "NoCredentials")) return "connector_id";
  if (has((error) => error.code === "IdentityCenterNotFound")) return "integration_config.sso_region";
  if (integration.type === "aws-organization") return "integration_config.management_account_role_arn";
  return "integration_config.region";
}
