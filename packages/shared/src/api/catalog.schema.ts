import { z } from "zod";
import { ZOffsetPagination } from "./pagination.schema.ts";

/** IntegrationConfigParam: one setting of an integration type in the catalog. */
export const ZIntegrationConfigParamV2 = z.object({
  id: z.string(),
  label: z.string(),
  values: z.array(z.string()),
  default: z.string(),
  optional: z.boolean(),
});

/** IntegrationConfig: an integration type as GET /api/v2/integrations-catalog lists it. */
export const ZIntegrationConfigV2 = z.object({
  name: z.string(),
  type: z.string(),
  description: z.string(),
  params: z.array(ZIntegrationConfigParamV2),
  requires_secret: z.boolean(),
  supported_secret_types: z.array(z.string()),
});

/** PaginatedResponseIntegrationConfigPublicModel. */
export const ZCatalogListV2 = z.object({
  data: z.array(ZIntegrationConfigV2),
  pagination: ZOffsetPagination,
});

export type TIntegrationConfigParamV2 = z.output<typeof ZIntegrationConfigParamV2>;
export type TIntegrationConfigV2 = z.output<typeof ZIntegrationConfigV2>;
export type TCatalogListV2 = z.output<typeof ZCatalogListV2>;
