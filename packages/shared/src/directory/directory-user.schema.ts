import { z } from "zod";

/** A user of an identity provider, selectable as an owner. */
export const ZDirectoryUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  provider_id: z.string(),
  /** The identity source's name, so pickers can group by source. */
  provider_name: z.string().optional(),
  provider_type: z.string().optional(),
  user_name: z.string().optional(),
});

export type TDirectoryUser = z.output<typeof ZDirectoryUser>;
