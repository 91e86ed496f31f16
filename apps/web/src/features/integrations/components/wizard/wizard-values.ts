import {
  FIELD_HELP,
  INTEGRATION_CATALOG,
  type TIntegrationType,
  type TIntegrationV4,
  type TUpdateIntegrationInput,
  type TWizardStep,
} from "@portcullis/shared";
import { type FieldErrors, get, type Path } from "react-hook-form";

type TBodyInput = TUpdateIntegrationInput;

/**
 * What the wizard's one form holds, before the shared schema parses it: the update body's
 * input types (the create body adds only `type`). `type` is present when creating and absent
 * when editing (the update body must not have it). Inputs always hold a string, and optional
 * owners are null until the admin fills them in.
 */
export type WizardValues = {
  type?: TIntegrationType;
  name: TBodyInput["name"];
  connector_id: TBodyInput["connector_id"];
  connected_resource_types: TBodyInput["connected_resource_types"];
  integration_config: TBodyInput["integration_config"];
  custom_access_details: NonNullable<TBodyInput["custom_access_details"]>;
  owner: NonNullable<TBodyInput["owner"]> | null;
  owners_mapping: NonNullable<TBodyInput["owners_mapping"]> | null;
};

/** Config keys of a type, with the catalog's defaults (AWS Profile Name "apono", …) or "". */
export function initialConfig(type: TIntegrationType): Record<string, string> {
  const config: Record<string, string> = {};
  for (const param of INTEGRATION_CATALOG[type].params) config[param.id] = param.default ?? "";
  return config;
}

export function emptyWizardValues(type: TIntegrationType): WizardValues {
  return {
    type,
    name: "",
    connector_id: "",
    connected_resource_types: [],
    integration_config: initialConfig(type),
    custom_access_details: "",
    owner: null,
    owners_mapping: null,
  };
}

/** The edit form: the saved integration, minus `type` (it cannot change). */
export function valuesFromIntegration(integration: TIntegrationV4): WizardValues {
  const config = initialConfig(integration.type);
  for (const key of Object.keys(config)) {
    const saved = integration.integration_config[key];
    if (typeof saved === "string") config[key] = saved;
  }
  return {
    name: integration.name,
    connector_id: integration.connector_id ?? "",
    connected_resource_types: [...integration.connected_resource_types],
    integration_config: config,
    custom_access_details: integration.custom_access_details ?? "",
    owner: integration.owner
      ? {
          attribute_type: integration.owner.attribute_type,
          attribute_value: [...integration.owner.attribute_value],
          source_integration_reference: integration.owner.source_integration_reference,
        }
      : null,
    owners_mapping: integration.owners_mapping
      ? {
          key_name: integration.owners_mapping.key_name,
          attribute_type: integration.owners_mapping.attribute_type,
          source_integration_reference: integration.owners_mapping.source_integration_reference,
        }
      : null,
  };
}

/** True when the error tree has a message at `path` or anywhere under it. */
export function hasErrorAt(errors: FieldErrors<WizardValues>, path: string): boolean {
  return get(errors, path) !== undefined;
}

/** The first step (in order) with an error in any of its fields, or null. */
export function firstStepWithError(
  steps: readonly TWizardStep[],
  errors: FieldErrors<WizardValues>,
): TWizardStep | null {
  return steps.find((step) => step.fields.some((field) => hasErrorAt(errors, field))) ?? null;
}

/**
 * The paths to validate for a step's fields. The owner settings are one controlled value
 * each, and react-hook-form keeps only errors of the paths it is asked about, so their
 * sub-fields (from the shared FIELD_HELP: `owner.attribute_value`, …) are asked for too.
 */
export function withNestedFields(fields: readonly string[]): Path<WizardValues>[] {
  const paths = new Set<string>();
  for (const field of fields) {
    paths.add(field);
    for (const key of Object.keys(FIELD_HELP)) if (key.startsWith(`${field}.`)) paths.add(key);
  }
  return [...paths] as Path<WizardValues>[];
}
