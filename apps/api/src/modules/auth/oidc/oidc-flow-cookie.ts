import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppConfig } from "../../../config.ts";

export const OIDC_FLOW_COOKIE = "portcullis_oidc";
const COOKIE_PATH = "/api/auth/oidc";
/** Time allowed at the IdP between "Sign in with …" and the callback. */
export const OIDC_FLOW_MAX_S = 10 * 60;

const ZFlow = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(1),
  next: z.string(),
  redirectUri: z.string(),
});

/** What the browser carries between the start of a sign-in and its callback (httpOnly, short-lived). */
export type OidcFlow = z.output<typeof ZFlow>;

function options(config: AppConfig, request: FastifyRequest) {
  return {
    path: COOKIE_PATH,
    httpOnly: true,
    // Lax: the cookie must come along on the IdP's top-level redirect back to the callback.
    sameSite: "lax" as const,
    secure: config.COOKIE_SECURE === true || request.protocol === "https",
  };
}

export function setFlowCookie(
  config: AppConfig,
  request: FastifyRequest,
  reply: FastifyReply,
  flow: OidcFlow,
) {
  reply.setCookie(OIDC_FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString("base64url"), {
    ...options(config, request),
    maxAge: OIDC_FLOW_MAX_S,
  });
}

export function readFlowCookie(request: FastifyRequest): OidcFlow | null {
  const value = request.cookies[OIDC_FLOW_COOKIE];
  if (!value || value.length > 4096) return null;
  try {
    const parsed = ZFlow.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function clearFlowCookie(config: AppConfig, request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(OIDC_FLOW_COOKIE, options(config, request));
}
