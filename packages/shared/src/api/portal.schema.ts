import { z } from "zod";
import { ZIntegrationType } from "../catalog/integration-types.ts";

/**
 * An organization's users sign in through the AWS access portal (sso_portal); from the AWS CLI
 * through `snippet`, an ~/.aws/config `sso-session` named `profile` (unique per integration)
 * with the start URL and the SSO Region (`aws sso login --sso-session <profile>`).
 */
export const ZSsoSignIn = z.object({
  kind: z.literal("sso"),
  url: z.string(),
  profile: z.string(),
  snippet: z.string(),
});

/**
 * An account's users use an AWS CLI role profile, named uniquely per integration; `snippet` is
 * the ~/.aws/config text to copy (the role in the integration's AWS account, assumed from the
 * user's default credentials).
 */
export const ZCliProfileSignIn = z.object({
  kind: z.literal("cli-profile"),
  profile: z.string(),
  region: z.string(),
  snippet: z.string(),
});

export const ZPortalSignIn = z.discriminatedUnion("kind", [ZSsoSignIn, ZCliProfileSignIn]);

/** An integration as end users see it in the User Portal. */
export const ZPortalIntegration = z.object({
  id: z.string(),
  name: z.string(),
  type: ZIntegrationType,
  /** Shown as "Message from your admin"; null when the admin wrote none. */
  custom_access_details: z.string().nullable(),
  sign_in: ZPortalSignIn,
  resource_count: z.number().int().nonnegative(),
});

export type TPortalSignIn = z.output<typeof ZPortalSignIn>;
export type TPortalIntegration = z.output<typeof ZPortalIntegration>;
