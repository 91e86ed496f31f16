import type { TIntegrationConfigV2 } from "../api/catalog.schema.ts";
import { INTEGRATION_CATALOG } from "./integration-catalog.ts";
import type { TIntegrationType } from "./integration-types.ts";

/**
 * The catalog entry of a type in the published `IntegrationConfig` shape
 * (GET /api/v2/integrations-catalog). Missing `values`/`default` become `[]`/`""`
 * because the published shape requires them. AWS reads credentials through the
 * connector, so no secret is required or supported.
 */
export function toIntegrationConfigV2(type: TIntegrationType): TIntegrationConfigV2 {
  const definition = INTEGRATION_CATALOG[type];
  return {
    name: definition.label,
    type: definition.type,
    description: definition.description,
    params: definition.params.map((param) => ({
      id: param.id,
      label: param.label,
      values: [...(param.values ?? [])],
      default: param.default ?? "",
      optional: param.optional,
    })),
    requires_secret: false,
    supported_secret_types: [],
  };
}
