import type { FastifyRequest } from "fastify";
import type { AppConfig } from "../../../config.ts";

export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";

/** The redirect URI to register at the IdP: from PUBLIC_URL, else as this request reached us. */
export function oidcRedirectUri(config: AppConfig, request: FastifyRequest): string {
  const base = config.PUBLIC_URL?.replace(/\/+$/, "") ?? `${request.protocol}://${request.host}`;
  return `${base}${OIDC_CALLBACK_PATH}`;
}
