import { z } from "zod";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";

const TEXT_MAX = 200;
const SECRET_MAX = 1000;

const requiredText = (what: string, max = TEXT_MAX) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, { error: `Enter the ${what}.` })
    .max(max, { error: `The ${what} must be at most ${max} characters.` });

/** An issuer is an absolute http(s) URL without query or fragment (OpenID Connect Discovery §2). */
export const ZOidcIssuer = requiredText("issuer URL", 500).refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.search && !url.hash;
    } catch {
      return false;
    }
  },
  { error: "The issuer URL must be an absolute https:// URL without a query or fragment." },
);

/**
 * The admin's OIDC provider settings. `client_secret` may be left out on an update to keep the
 * stored one; it is required the first time.
 */
export const ZOidcSettingsInput = z.strictObject(
  {
    issuer: ZOidcIssuer,
    client_id: requiredText("client ID"),
    client_secret: requiredText("client secret", SECRET_MAX).optional(),
    display_name: requiredText("display name", 60),
    admin_group: z
      .string()
      .trim()
      .max(TEXT_MAX, { error: `The admin group must be at most ${TEXT_MAX} characters.` })
      .nullish()
      .transform((value) => (value ? value : null)),
    source_id: z
      .uuid({ error: "source_id must be the id of an identity source." })
      .nullish()
      .transform((value) => value ?? null),
  },
  {
    error: unknownKeysError({
      where: "the OIDC settings",
      notAnObject: "Send the OIDC settings as a JSON object.",
    }),
  },
);

/** What the API answers: never the client secret, only whether one is stored. */
export const ZOidcSettings = z.object({
  issuer: z.string(),
  client_id: z.string(),
  client_secret_set: z.boolean(),
  display_name: z.string(),
  admin_group: z.string().nullable(),
  source_id: z.string().nullable(),
  /** The redirect URI to register at the IdP for this client. */
  redirect_uri: z.string(),
  updated_at: ZIsoDateTime,
});

/** The sign-in page's view: whether the button shows, and its label. */
export const ZOidcSignInOption = z.object({
  enabled: z.boolean(),
  display_name: z.string().nullable(),
});

/**
 * Why an OIDC sign-in came back to the sign-in page (`/sign-in?oidc_error=…`). The same words
 * are shown by the web app.
 */
export const OIDC_SIGN_IN_ERRORS = {
  not_configured: "Sign-in with an identity provider is not configured.",
  state_mismatch: "The sign-in could not be verified (its state did not match or it expired). Start again.",
  code_rejected:
    "The identity provider refused the sign-in code (it expired or was already used). Start again.",
  idp_error: "The identity provider did not complete the sign-in.",
  email_unverified: "The identity provider did not send a verified email address for you.",
  unknown_person: "No active person with your email is in the directory. Ask an admin to add you.",
  deactivated: "Your account has been deactivated in the directory.",
  provider_unreachable: "The identity provider cannot be reached right now. Try again later.",
} as const;

export type TOidcSignInError = keyof typeof OIDC_SIGN_IN_ERRORS;
export type TOidcSettingsInput = z.input<typeof ZOidcSettingsInput>;
export type TOidcSettings = z.output<typeof ZOidcSettings>;
export type TOidcSignInOption = z.output<typeof ZOidcSignInOption>;
