import type { TConfigParamStep } from "../catalog/catalog.types.ts";
import { INTEGRATION_CATALOG } from "../catalog/integration-catalog.ts";
import type { TIntegrationType } from "../catalog/integration-types.ts";

export type TWizardStepId = "resource-types" | "connector" | "integration-config" | "get-more" | "confirm";

/**
 * A section of the integration wizard. `fields` are react-hook-form paths, in display
 * order: pass them to `trigger(fields)` before moving on, and use them to open the step
 * holding a field the server rejected.
 */
export type TWizardStep = {
  id: TWizardStepId;
  title: string;
  fields: readonly string[];
};

function configFields(type: TIntegrationType, step: TConfigParamStep): string[] {
  return INTEGRATION_CATALOG[type].params
    .filter((param) => param.step === step)
    .map((param) => `integration_config.${param.id}`);
}

function stepsFor(type: TIntegrationType): readonly TWizardStep[] {
  return [
    { id: "resource-types", title: "Resource types", fields: ["connected_resource_types"] },
    { id: "connector", title: "Connector", fields: ["connector_id"] },
    {
      id: "integration-config",
      title: "Integration Config",
      fields: ["name", ...configFields(type, "integration-config")],
    },
    {
      id: "get-more",
      title: "Get more with Portcullis",
      // `owner` as a whole: the cross-field rule reports on the path `owner` itself.
      fields: [...configFields(type, "get-more"), "custom_access_details", "owner", "owners_mapping"],
    },
    { id: "confirm", title: "Confirm", fields: [] },
  ];
}

/** The wizard's sections per integration type, matching the product documentation. */
export const WIZARD_STEPS: Readonly<Record<TIntegrationType, readonly TWizardStep[]>> = {
  "aws-account": stepsFor("aws-account"),
  "aws-organization": stepsFor("aws-organization"),
};

/**
 * The step showing a field, for a path as reported in API issues or form errors
 * (e.g. "integration_config.region" or "owner.attribute_value"); the confirm step for
 * paths no step shows (such as an unknown field at the root).
 */
export function wizardStepForField(type: TIntegrationType, path: string): TWizardStepId {
  for (const step of WIZARD_STEPS[type]) {
    if (step.fields.some((field) => path === field || path.startsWith(`${field}.`))) return step.id;
  }
  return "confirm";
}
