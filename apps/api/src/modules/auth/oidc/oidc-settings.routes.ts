import { ZOidcSettings, ZOidcSettingsInput, ZOidcSignInOption } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppConfig } from "../../../config.ts";
import { auditContext } from "../../audit/audit.service.ts";
import { errorResponses, ZNoBody, ZNoContent } from "../../common/route-schemas.ts";
import { oidcRedirectUri } from "./oidc-redirect-uri.ts";
import type { OidcSettingsService } from "./oidc-settings.service.ts";

export const OIDC_SETTINGS_PATH = "/api/admin/v1/oidc";
const tags = ["OIDC sign-in"];
const ADMIN = { access: "admin" } as const;

export const oidcSettingsRoutes =
  (deps: { config: AppConfig; settings: OidcSettingsService }): FastifyPluginAsyncZod =>
  async (app) => {
    const { settings, config } = deps;

    app.get(
      OIDC_SETTINGS_PATH,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "The OIDC provider people sign in with (never its client secret)",
          response: { 200: ZOidcSettings, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => settings.get(oidcRedirectUri(config, request)),
    );

    app.put(
      OIDC_SETTINGS_PATH,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Set the OIDC provider",
          description:
            "The issuer's discovery document is read and checked first (same issuer; authorization, token and JWKS endpoints; code flow with PKCE S256); nothing is saved when a check fails. Leave out `client_secret` to keep the stored one. The secret is stored encrypted and never returned.",
          body: ZOidcSettingsInput,
          response: { 200: ZOidcSettings, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => settings.put(request.body, oidcRedirectUri(config, request), auditContext(request)),
    );

    app.delete(
      OIDC_SETTINGS_PATH,
      {
        config: ADMIN,
        schema: {
          tags,
          summary: "Turn OIDC sign-in off (accounts and their links to people stay)",
          body: ZNoBody,
          response: { 204: ZNoContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await settings.delete(auditContext(request));
        return reply.status(204).send(undefined);
      },
    );

    app.get(
      "/api/auth/oidc",
      {
        config: { access: "public" },
        schema: {
          tags,
          summary: "Whether the sign-in page offers OIDC sign-in, and the provider's display name",
          security: [],
          response: { 200: ZOidcSignInOption },
        },
      },
      async () => settings.signInOption(),
    );
  };
