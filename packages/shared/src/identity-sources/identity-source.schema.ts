import { z } from "zod";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";

export const IDENTITY_SOURCE_TYPES = ["scim", "built-in", "iam-identity-center", "demo"] as const;
/** The types an admin creates by hand; the others are made by integrations and the demo. */
export const CREATABLE_SOURCE_TYPES = ["scim", "built-in"] as const;

export const ZIdentitySourceType = z.enum(IDENTITY_SOURCE_TYPES);
export const ZIdentitySourceStatus = z.enum(["pending", "active"]);

export const SOURCE_NAME_MAX = 100;
const NAME_MESSAGES = {
  required: "Enter a name.",
  tooLong: `Name must be at most ${SOURCE_NAME_MAX} characters.`,
} as const;

/** A source's name: any text (e.g. "Okta (production)"), trimmed, 1–100 characters. */
export const ZSourceName = z
  .string({ error: NAME_MESSAGES.required })
  .trim()
  .min(1, { error: NAME_MESSAGES.required })
  .max(SOURCE_NAME_MAX, { error: NAME_MESSAGES.tooLong });

export const ZCreateIdentitySource = z.strictObject(
  {
    name: ZSourceName,
    type: z.enum(CREATABLE_SOURCE_TYPES, {
      error: `type must be one of: ${CREATABLE_SOURCE_TYPES.join(", ")}.`,
    }),
  },
  {
    error: unknownKeysError({
      where: "an identity source",
      notAnObject: "Send the source as a JSON object.",
    }),
  },
);

export const ZUpdateIdentitySource = z.strictObject(
  { name: ZSourceName },
  {
    error: unknownKeysError({
      where: "an identity source update",
      notAnObject: "Send the change as a JSON object.",
    }),
  },
);

export const ZIdentitySource = z.object({
  id: z.string(),
  name: z.string(),
  type: ZIdentitySourceType,
  status: ZIdentitySourceStatus,
  /** The SCIM base URL IdPs are given (SCIM sources only). */
  scim_base_url: z.string().nullable(),
  /** First characters of the SCIM token, to recognise it; never the token. */
  token_prefix: z.string().nullable(),
  people_count: z.number().int(),
  group_count: z.number().int(),
  created_at: ZIsoDateTime,
  updated_at: ZIsoDateTime,
});

/** The answer to creating a source or rotating its token: the only time the `token` is shown. */
export const ZIdentitySourceWithToken = ZIdentitySource.extend({ token: z.string().nullable() });

export type TIdentitySourceType = z.output<typeof ZIdentitySourceType>;
export type TCreateIdentitySource = z.output<typeof ZCreateIdentitySource>;
export type TUpdateIdentitySource = z.output<typeof ZUpdateIdentitySource>;
export type TIdentitySource = z.output<typeof ZIdentitySource>;
export type TIdentitySourceWithToken = z.output<typeof ZIdentitySourceWithToken>;
