/** Wizard section a configuration setting is shown in. */
export type TConfigParamStep = "integration-config" | "get-more";

/**
 * How a setting is entered and shown: the web app draws its input and the summaries format
 * its value from the kind alone, never from the setting's id.
 */
export type TConfigFieldKind = "region" | "boolean" | "ou-list" | "days" | "text";

/** One `integration_config` key of an integration type, with the texts the wizard shows. */
export type TConfigParamDefinition = {
  /** Key in `integration_config`. */
  id: string;
  kind: TConfigFieldKind;
  label: string;
  /** Help text from the product documentation. */
  help: string;
  optional: boolean;
  /** Value applied when the user leaves it empty (config values are strings). */
  default?: string;
  /** Allowed values, when the setting is a choice. */
  values?: readonly string[];
  placeholder?: string;
  step: TConfigParamStep;
};

/** A resource type an integration can discover. `scope` tells discovery where to look. */
export type TResourceTypeDefinition<TId extends string = string, TScope extends string = string> = {
  id: TId;
  label: string;
  description: string;
  /** What must be true in AWS for discovery of this type to work. */
  prerequisites: readonly string[];
  scope: TScope;
};

export type TIntegrationCategory = "Cloud";

export type TIntegrationTypeDefinition<
  TType extends string = string,
  TResourceTypeId extends string = string,
  TScope extends string = string,
> = {
  type: TType;
  label: string;
  category: TIntegrationCategory;
  description: string;
  /** Requirements for the whole integration, shown before the wizard. */
  prerequisites: readonly string[];
  params: readonly TConfigParamDefinition[];
  resourceTypes: readonly TResourceTypeDefinition<TResourceTypeId, TScope>[];
};

/** A tile on the Catalog page that groups integration types (e.g. "AWS"). */
export type TCatalogGroup = {
  id: string;
  label: string;
  category: TIntegrationCategory;
  description: string;
  types: readonly string[];
};
