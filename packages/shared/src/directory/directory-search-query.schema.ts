import { z } from "zod";
import { makeLimitParam } from "../api/query-params.schema.ts";
import { ZOwnerAttributeType } from "../integrations/owner.schema.ts";

/** Query of the owner pickers: users or groups matching `search`, optionally of one provider. */
export const ZDirectorySearchQuery = z.object({
  provider_id: z.string().max(128, { error: "provider_id must be at most 128 characters." }).optional(),
  attribute_type: ZOwnerAttributeType,
  search: z.string().trim().max(200, { error: "Search text must be at most 200 characters." }).optional(),
  limit: makeLimitParam(100, 20),
});

export type TDirectorySearchQuery = z.output<typeof ZDirectorySearchQuery>;
export type TDirectorySearchQueryInput = z.input<typeof ZDirectorySearchQuery>;
