import { z } from "zod";

/** A group of an identity provider, selectable as an owner. */
export const ZDirectoryGroup = z.object({
  id: z.string(),
  name: z.string(),
  provider_id: z.string(),
  /** The identity source's name, so pickers can group by source. */
  provider_name: z.string().optional(),
  provider_type: z.string().optional(),
  member_count: z.number().int().nonnegative(),
});

export type TDirectoryGroup = z.output<typeof ZDirectoryGroup>;
