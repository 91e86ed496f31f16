import { AWS_ACCOUNT_CATALOG, AWS_ACCOUNT_DEFAULTS } from "./aws-account.catalog.ts";
import { AWS_ORGANIZATION_CATALOG, AWS_ORGANIZATION_DEFAULTS } from "./aws-organization.catalog.ts";
import type { TCatalogGroup, TConfigParamDefinition, TResourceTypeDefinition } from "./catalog.types.ts";
import { INTEGRATION_TYPES, type TIntegrationType } from "./integration-types.ts";

/** Every integration type by its id. */
export const INTEGRATION_CATALOG = {
  "aws-account": AWS_ACCOUNT_CATALOG,
  "aws-organization": AWS_ORGANIZATION_CATALOG,
} as const;

/** Resource type ids per integration type. */
export type TResourceTypeOf<T extends TIntegrationType> =
  (typeof INTEGRATION_CATALOG)[T]["resourceTypes"][number]["id"];

/** Config values applied when the user leaves an optional setting empty. */
export const CONFIG_DEFAULTS = {
  "aws-account": AWS_ACCOUNT_DEFAULTS,
  "aws-organization": AWS_ORGANIZATION_DEFAULTS,
} as const satisfies Record<TIntegrationType, Readonly<Record<string, string>>>;

/** The AWS tile of the Catalog page. */
export const AWS_CATALOG_GROUP = {
  id: "aws",
  label: "AWS",
  category: "Cloud",
  description:
    "Connect a single AWS account or a whole AWS organization, then manage access to IAM roles, S3 buckets, EC2 and RDS instances, and IAM Identity Center permission sets.",
  types: INTEGRATION_TYPES,
} as const satisfies TCatalogGroup;

export const CATALOG_GROUPS: readonly TCatalogGroup[] = [AWS_CATALOG_GROUP];

export function getIntegrationTypeDefinition(type: TIntegrationType) {
  return INTEGRATION_CATALOG[type];
}

export function getConfigParams(type: TIntegrationType): readonly TConfigParamDefinition[] {
  return INTEGRATION_CATALOG[type].params;
}

export function getResourceTypes(type: TIntegrationType): readonly TResourceTypeDefinition[] {
  return INTEGRATION_CATALOG[type].resourceTypes;
}

export function getResourceTypeIds(type: TIntegrationType): readonly string[] {
  return INTEGRATION_CATALOG[type].resourceTypes.map((resourceType) => resourceType.id);
}

/** Label of a resource type across all integration types, e.g. "S3 bucket"; the id when unknown. */
export function resourceTypeLabel(id: string): string {
  for (const type of INTEGRATION_TYPES) {
    const found = getResourceTypes(type).find((resourceType) => resourceType.id === id);
    if (found) return found.label;
  }
  return id;
}
