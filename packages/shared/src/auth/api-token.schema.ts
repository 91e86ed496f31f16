import { z } from "zod";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";
import { ZName } from "../common/name.schema.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";

export const API_TOKEN_EXPIRY_MAX_DAYS = 365;

const EXPIRY_MESSAGE = `Expiry must be a whole number of days from 1 to ${API_TOKEN_EXPIRY_MAX_DAYS}, or empty for a token that does not expire.`;

/**
 * Days until the token expires. Accepts a number (API) or the text of a number input
 * (form); empty, null or absent means it never expires (output `undefined`).
 */
export const ZExpiresInDays = z
  .union([z.number({ error: EXPIRY_MESSAGE }), z.string({ error: EXPIRY_MESSAGE }).trim()], {
    error: EXPIRY_MESSAGE,
  })
  .nullish()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return undefined;
    const days = typeof value === "number" ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_EXPIRY_MAX_DAYS) {
      ctx.addIssue({ code: "custom", message: EXPIRY_MESSAGE });
      return z.NEVER;
    }
    return days;
  });

/** POST body creating a personal API token. */
export const ZCreateApiToken = z.strictObject(
  { name: ZName, expires_in_days: ZExpiresInDays },
  { error: unknownKeysError({ where: "an API token", notAnObject: "Send the token as a JSON object." }) },
);

/** A token as listed: never the secret, only its first characters (`prefix`) to recognise it. */
export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: ZIsoDateTime,
  last_used_at: ZIsoDateTime.nullable(),
  expires_at: ZIsoDateTime.nullable(),
});

/** Answer to the creation: the only time the full `token` is shown. */
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });

export type TCreateApiToken = z.output<typeof ZCreateApiToken>;
export type TCreateApiTokenInput = z.input<typeof ZCreateApiToken>;
export type TApiToken = z.output<typeof ZApiToken>;
export type TCreatedApiToken = z.output<typeof ZCreatedApiToken>;
