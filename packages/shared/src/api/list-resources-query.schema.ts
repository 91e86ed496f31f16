import { z } from "zod";
import { ZLimitParam, ZPageTokenParam } from "./query-params.schema.ts";

/** GET /api/v3/integrations/{id}/resources query (`resource-type` is spelled as published). */
export const ZListResourcesQuery = z.object({
  "resource-type": z.string().max(200, { error: "resource-type must be at most 200 characters." }).optional(),
  /** Case-insensitive match on name or external id. */
  search: z.string().trim().max(200, { error: "Search text must be at most 200 characters." }).optional(),
  limit: ZLimitParam,
  page_token: ZPageTokenParam,
});

export type TListResourcesQuery = z.output<typeof ZListResourcesQuery>;
export type TListResourcesQueryInput = z.input<typeof ZListResourcesQuery>;
