import { z } from "zod";

/** A user of an identity provider, selectable as an owner. */
export const ZDirectoryUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  provider_id: z.string(),
});

export type TDirectoryUser = z.output<typeof ZDirectoryUser>;
