import {
  awsRegionLabel,
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
): string | null {
  switch (step) {
    case "resource-types": {
      const labels = (values.connected_resource_types ?? []).map(resourceTypeLabel);
      return labels.length ? labels.join(", ") : null;
    }
    case "connector":
      return values.connector_id || null;
    case "integration-config": {
      const region = values.integration_config?.region;
      const parts = [values.name?.trim(), region ? awsRegionLabel(region) : ""].filter(Boolean);
      return parts.length ? parts.join(" · ") : null;
    }
    case "get-more": {
      const parts: string[] = [];
      if (values.custom_access_details?.trim()) parts.push("Custom access details");
      if (values.owner) parts.push("Integration owner");
      if (values.owners_mapping) parts.push("Resource owner");
      const rotation = values.integration_config?.credentials_rotation_period_in_days;
      if (
        rotation &&
        INTEGRATION_CATALOG[type].params.some((param) => param.id === "credentials_rotation_period_in_days")
      ) {
        parts.push(`Rotation every ${rotation} days`);
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
