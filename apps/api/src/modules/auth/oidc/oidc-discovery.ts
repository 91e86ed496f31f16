import * as client from "openid-client";
import { AppError } from "../../../lib/app-error.ts";

const DISCOVERY_TIMEOUT_S = 10;

export type OidcClientSettings = { issuer: string; clientId: string; clientSecret: string };

/** Plain http is allowed only for an IdP on this machine (tests, a local Keycloak); else https. */
export function isLoopbackUrl(value: string): boolean {
  const { hostname } = new URL(value);
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function discoveryError(message: string): AppError {
  return AppError.field("OIDC_DISCOVERY_FAILED", "issuer", message);
}

/**
 * Reads the issuer's discovery document with openid-client (which checks that it names the same
 * issuer) and checks that sign-in by authorization code with PKCE (S256) is possible. Throws an
 * OIDC_DISCOVERY_FAILED error naming the `issuer` field and the reason otherwise.
 */
export async function discoverProvider(settings: OidcClientSettings): Promise<client.Configuration> {
  const url = new URL(settings.issuer);
  if (url.protocol !== "https:" && !isLoopbackUrl(settings.issuer)) {
    throw discoveryError("The issuer URL must use https:// (plain http only for an IdP on this machine).");
  }
  let config: client.Configuration;
  try {
    config = await client.discovery(
      url,
      settings.clientId,
      undefined,
      client.ClientSecretBasic(settings.clientSecret),
      {
        timeout: DISCOVERY_TIMEOUT_S,
        ...(url.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
  } catch (error) {
    throw discoveryError(explainDiscoveryFailure(settings.issuer, error));
  }
  const metadata = config.serverMetadata();
  const missing = (["authorization_endpoint", "token_endpoint", "jwks_uri"] as const).filter(
    (field) => !metadata[field],
  );
  if (missing.length > 0) {
    throw discoveryError(`The discovery document has no ${missing.join(", ")}.`);
  }
  if (metadata.response_types_supported && !metadata.response_types_supported.includes("code")) {
    throw discoveryError('The provider does not support the authorization code flow (response type "code").');
  }
  if (!metadata.code_challenge_methods_supported?.includes("S256")) {
    throw discoveryError("The provider does not announce PKCE with S256 (code_challenge_methods_supported).");
  }
  return config;
}

function explainDiscoveryFailure(issuer: string, error: unknown): string {
  const where = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  if (error instanceof client.ClientError) {
    if (error.code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED") {
      return `The discovery document at ${where} names another issuer: the issuer URL must match it exactly.`;
    }
    if (error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_RESPONSE_IS_NOT_JSON") {
      return `${where} did not answer with a discovery document (HTTP 200 with JSON).`;
    }
    if (error.code === "OAUTH_INVALID_RESPONSE" || error.code === "OAUTH_PARSE_ERROR") {
      return `The discovery document at ${where} is not valid.`;
    }
  }
  return `The discovery document at ${where} cannot be read (the provider did not answer).`;
}
