import {
  formatConfigValue,
  INTEGRATION_CATALOG,
  resourceTypeLabel,
  type TIntegrationType,
  type TWizardStepId,
} from "@portcullis/shared";
import type { WizardValues } from "./wizard-values.ts";

/** One line under a closed step's title, saying what was chosen in it. */
export function stepSummary(
  step: TWizardStepId,
  type: TIntegrationType,
  values: WizardValues,
  /** Names for the ids the values hold: a summary shows the connector's name, not its id. */
  names: { connector?: string } = {},
): string | null {
  const params = INTEGRATION_CATALOG[type].params;
  const configValue = (id: string) => values.integration_config?.[id] ?? "";
  switch (step) {
    case "resource-types": {
      const labels = (values.connected_resource_types ?? []).map(resourceTypeLabel);
      return labels.length ? labels.join(", ") : null;
    }
    case "connector":
      return values.connector_id ? (names.connector ?? values.connector_id) : null;
    case "integration-config": {
      // The name and where it runs: the step's first region setting.
      const region = params.find((param) => param.step === step && param.kind === "region");
      const where = region && configValue(region.id) ? formatConfigValue(region, configValue(region.id)) : "";
      const parts = [values.name?.trim(), where].filter(Boolean);
      return parts.length ? parts.join(" · ") : null;
    }
    case "get-more": {
      const parts: string[] = [];
      if (values.custom_access_details?.trim()) parts.push("Custom access details");
      if (values.owner) parts.push("Integration owner");
      if (values.owners_mapping) parts.push("Resource owner");
      for (const param of params) {
        const value = configValue(param.id);
        if (param.step === step && value) parts.push(`${param.label}: ${formatConfigValue(param, value)}`);
      }
      return parts.length ? parts.join(" · ") : "Nothing extra";
    }
    case "confirm":
      return null;
    default: {
      const unknown: never = step;
      return String(unknown);
    }
  }
}
