import { z } from "zod";
import { ZIntegrationType } from "../catalog/integration-types.ts";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";
import { ZIntegrationStatus } from "./integration-status.ts";
import { ZTokenPagination } from "./pagination.schema.ts";
import { ZSyncError, ZSyncRun } from "./sync-run.schema.ts";

// Response shapes are allow-lists: plain `z.object`s strip whatever else a handler passes.

import { OWNER_MAPPING_ATTRIBUTE_TYPES } from "../integrations/owner.schema.ts";

const ZOwnerAttributeTypeOut = z.enum(["user", "group"]);
const ZOwnerMappingAttributeTypeOut = z.enum(OWNER_MAPPING_ATTRIBUTE_TYPES);

/**
 * OwnerV4 as returned. `source_integration_reference` echoes what was saved, so an edit
 * form can round-trip it; the published `source_integration_id`/`_name` are filled when
 * the reference resolves to a known identity provider.
 */
export const ZOwnerV4 = z.object({
  attribute_type: ZOwnerAttributeTypeOut,
  attribute_value: z.array(z.string()),
  source_integration_reference: z.string().nullable(),
  source_integration_id: z.string().nullable().optional(),
  source_integration_name: z.string().nullable().optional(),
});

/** OwnerMappingV4 as returned; see `ZOwnerV4` for the source fields. */
export const ZOwnerMappingV4 = z.object({
  key_name: z.string(),
  attribute_type: ZOwnerMappingAttributeTypeOut,
  source_integration_reference: z.string().nullable(),
  source_integration_id: z.string().nullable().optional(),
  source_integration_name: z.string().nullable().optional(),
});

/** Read-only Portcullis extras, kept apart from the published fields. */
export const ZIntegrationExtras = z.object({
  /** Why the status is Warning/Error, in a sentence for the admin. */
  status_message: z.string().nullable(),
  created_at: ZIsoDateTime,
  updated_at: ZIsoDateTime,
  /** The fetch in progress, or the latest one; null before the first. */
  sync: ZSyncRun.nullable(),
  /** Failed scopes of the latest fetch. */
  errors: z.array(ZSyncError),
});

/** IntegrationV4 plus `portcullis`. */
export const ZIntegrationV4 = z.object({
  id: z.string(),
  name: z.string(),
  type: ZIntegrationType,
  category: z.string(),
  connector_id: z.string().nullable(),
  status: ZIntegrationStatus,
  last_sync_time: ZIsoDateTime.nullable(),
  integration_config: z.record(z.string(), z.string()),
  connected_resource_types: z.array(z.string()),
  custom_access_details: z.string().nullable(),
  owner: ZOwnerV4.nullable(),
  owners_mapping: ZOwnerMappingV4.nullable(),
  portcullis: ZIntegrationExtras,
});

/** PublicApiListResponseIntegrationPublicV4Model. */
export const ZIntegrationListV4 = z.object({
  items: z.array(ZIntegrationV4),
  pagination: ZTokenPagination,
});

export type TOwnerV4 = z.output<typeof ZOwnerV4>;
export type TOwnerMappingV4 = z.output<typeof ZOwnerMappingV4>;
export type TIntegrationExtras = z.output<typeof ZIntegrationExtras>;
export type TIntegrationV4 = z.output<typeof ZIntegrationV4>;
export type TIntegrationListV4 = z.output<typeof ZIntegrationListV4>;
