import type { TOidcSignInError } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppConfig } from "../../../config.ts";
import type { Logger } from "../../../lib/logger.ts";
import type { SessionService } from "../session.service.ts";
import { SESSION_COOKIE, setSessionCookie } from "../session-cookie.ts";
import { clearFlowCookie, readFlowCookie, setFlowCookie } from "./oidc-flow-cookie.ts";
import { OIDC_CALLBACK_PATH, oidcRedirectUri } from "./oidc-redirect-uri.ts";
import { OidcSignInError, type oidcSignInService } from "./oidc-sign-in.service.ts";
import { safeNextPath } from "./safe-next.ts";

const tags = ["OIDC sign-in"];
const ZRedirect = z.undefined().describe("A redirect (Location header)");

/** Failures go back to the sign-in page, which explains `oidc_error`; never an error page. */
function signInPage(reason: TOidcSignInError, next = "/"): string {
  const query = new URLSearchParams({ oidc_error: reason });
  if (next !== "/") query.set("next", next);
  return `/sign-in?${query}`;
}

export const oidcSignInRoutes =
  (deps: {
    config: AppConfig;
    sessions: SessionService;
    service: ReturnType<typeof oidcSignInService>;
    logger: Logger;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const { config, service } = deps;

    app.get(
      "/api/auth/oidc/start",
      {
        config: { access: "public" },
        schema: {
          tags,
          summary: "Start signing in at the OIDC provider (redirects there)",
          description:
            "Sets a short-lived httpOnly cookie with the sign-in's state, nonce and PKCE verifier, and redirects to the provider. `next` is a path of this site to land on afterwards.",
          security: [],
          querystring: z.object({ next: z.string().max(1000).optional() }),
          response: { 302: ZRedirect },
        },
      },
      async (request, reply) => {
        const next = safeNextPath(request.query.next);
        try {
          const { url, flow } = await service.start(next, oidcRedirectUri(config, request));
          setFlowCookie(config, request, reply, flow);
          return reply.redirect(url, 302);
        } catch (error) {
          if (!(error instanceof OidcSignInError)) throw error;
          return reply.redirect(signInPage(error.reason, next), 302);
        }
      },
    );

    app.get(
      OIDC_CALLBACK_PATH,
      {
        config: { access: "public" },
        schema: {
          tags,
          summary: "Where the OIDC provider sends the browser back (register this as the redirect URI)",
          security: [],
          // The provider's parameters are checked by openid-client, not here.
          querystring: z.record(z.string(), z.unknown()),
          response: { 302: ZRedirect },
        },
      },
      async (request, reply) => {
        const flow = readFlowCookie(request);
        clearFlowCookie(config, request, reply);
        const query = new URLSearchParams(request.url.split("?")[1] ?? "");
        try {
          const { session } = await service.finish(query, flow, request.id);
          const previous = request.cookies[SESSION_COOKIE];
          if (previous) {
            const old = await deps.sessions.resolve(previous);
            if (old) await deps.sessions.end(old.id);
          }
          setSessionCookie(config, request, reply, session.token);
          return reply.redirect(flow?.next ?? "/", 302);
        } catch (error) {
          if (error instanceof OidcSignInError) {
            deps.logger.info({ reason: error.reason, requestId: request.id }, "OIDC sign-in refused");
            return reply.redirect(signInPage(error.reason, flow?.next), 302);
          }
          deps.logger.error({ err: error, requestId: request.id }, "OIDC sign-in failed");
          return reply.redirect(signInPage("idp_error", flow?.next), 302);
        }
      },
    );
  };
