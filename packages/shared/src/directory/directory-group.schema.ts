import { z } from "zod";

/** A group of an identity provider, selectable as an owner. */
export const ZDirectoryGroup = z.object({
  id: z.string(),
  name: z.string(),
  provider_id: z.string(),
  member_count: z.number().int().nonnegative(),
});

export type TDirectoryGroup = z.output<typeof ZDirectoryGroup>;
