import { z } from "zod";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";
import { ZResourcePagination } from "./pagination.schema.ts";

/** ResourceStatusV1. */
export const RESOURCE_STATUSES = ["Active", "Error", "Deleted"] as const;
export const ZResourceStatus = z.enum(RESOURCE_STATUSES);

/** How a resource's owners were found: its owner tag, the integration owner, or neither. */
export const OWNER_SOURCES = ["tag", "fallback", "none"] as const;
export const ZOwnerSource = z.enum(OWNER_SOURCES);

/** Read-only Portcullis extras of a discovered resource. */
export const ZResourceExtras = z.object({
  /** Stable id in AWS, such as the ARN. */
  external_id: z.string(),
  account_id: z.string().nullable(),
  region: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  owners: z.array(z.string()),
  owner_source: ZOwnerSource,
  /**
   * Who resolved each owner, read live from the directory: the owner (email, else user name),
   * the sources the person is in, and the attribute and value that matched.
   */
  owner_details: z
    .array(
      z.object({
        owner: z.string(),
        display_name: z.string().nullable(),
        sources: z.array(z.object({ id: z.string(), name: z.string() })),
        attribute: z.string(),
        value: z.string(),
      }),
    )
    .optional(),
  first_seen: ZIsoDateTime,
  last_seen: ZIsoDateTime,
});

/** ResourceResponse (GET /api/v3/integrations/{id}/resources) plus `portcullis`. */
export const ZResourceV3 = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  status: z.object({ status: ZResourceStatus, message: z.string().nullable() }),
  portcullis: ZResourceExtras,
});

/** PaginatedResponseResourceV3Response, with the cursor of the next page. */
export const ZResourceListV3 = z.object({
  data: z.array(ZResourceV3),
  pagination: ZResourcePagination,
});

export type TResourceStatus = z.output<typeof ZResourceStatus>;
export type TOwnerSource = z.output<typeof ZOwnerSource>;
export type TResourceV3 = z.output<typeof ZResourceV3>;
export type TResourceListV3 = z.output<typeof ZResourceListV3>;
