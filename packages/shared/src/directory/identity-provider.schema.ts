import { z } from "zod";

/** An identity platform (IdP) whose users and groups can own integrations and resources. */
export const ZIdentityProvider = z.object({ id: z.string(), name: z.string(), type: z.string() });

export type TIdentityProvider = z.output<typeof ZIdentityProvider>;
