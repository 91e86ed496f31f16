import { AWS_REGION_CODES } from "./aws-regions.ts";
import type { TConfigParamDefinition } from "./catalog.types.ts";

// Settings both AWS integration types share, with the documentation's wording
// ("Apono" reads "Portcullis" throughout).

export const REGION_PARAM = {
  id: "region",
  label: "Region",
  help: "Region in which the organization runs",
  optional: false,
  values: AWS_REGION_CODES,
  step: "integration-config",
} as const satisfies TConfigParamDefinition;

export const ENABLE_AUDIT_PARAM = {
  id: "enable_audit",
  label: "Enable Audit",
  help: "Feature that allows Portcullis to ingest and aggregate session audit logs",
  optional: true,
  default: "false",
  values: ["true", "false"],
  step: "integration-config",
} as const satisfies TConfigParamDefinition;
