import { ZApiToken, ZMe } from "@portcullis/shared";
import { z } from "zod";

/**
 * The signed-in caller. `csrf_token` is what cookie-authenticated writes must send in the
 * x-csrf-token header; null when the caller used an API token (no CSRF needed).
 */
export const ZAuthMe = ZMe.extend({
  auth_method: z.enum(["session", "token"]),
  csrf_token: z.string().nullable(),
});

export const ZApiTokenList = z.object({ items: z.array(ZApiToken) });

export type AuthMe = z.output<typeof ZAuthMe>;
