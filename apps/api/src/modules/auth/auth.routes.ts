import { ZLoginBody } from "@portcullis/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppConfig } from "../../config.ts";
import { requireAuth } from "../../plugins/access-control.ts";
import { errorResponses, ZNoBody, ZNoContent } from "../common/route-schemas.ts";
import { ZAuthMe } from "./auth.schemas.ts";
import { authService } from "./auth.service.ts";
import type { RequestAuth } from "./auth.types.ts";
import { loginRateLimit } from "./login-rate-limit.ts";
import type { SessionService } from "./session.service.ts";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "./session-cookie.ts";

function toMe(auth: RequestAuth) {
  return {
    id: auth.principal.userId,
    email: auth.principal.email,
    role: auth.principal.role,
    auth_method: auth.method,
    csrf_token: auth.method === "session" ? auth.csrfToken : null,
  };
}

export const authRoutes =
  (
    deps: Parameters<typeof authService>[0] & { config: AppConfig; sessions: SessionService },
  ): FastifyPluginAsyncZod =>
  async (app) => {
    const service = authService(deps);

    app.post(
      "/api/auth/login",
      {
        config: { access: "public" },
        preHandler: loginRateLimit(app, deps.config.LOGIN_RATE_LIMIT),
        schema: {
          tags: ["Auth"],
          summary: "Sign in with email and password",
          description:
            "Starts a session: sets the httpOnly `portcullis_session` cookie and returns the CSRF token that cookie-authenticated writes must send as `x-csrf-token`. Rate-limited per client address and email.",
          security: [],
          body: ZLoginBody,
          response: { 200: ZAuthMe, ...errorResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        const previous = request.cookies[SESSION_COOKIE];
        const { principal, session } = await service.login(request.body, { requestId: request.id });
        if (previous) {
          const old = await deps.sessions.resolve(previous);
          if (old) await deps.sessions.end(old.id);
        }
        setSessionCookie(deps.config, request, reply, session.token);
        return toMe({ method: "session", principal, sessionId: session.id, csrfToken: session.csrfToken });
      },
    );

    app.post(
      "/api/auth/logout",
      {
        config: { access: "authenticated" },
        schema: {
          tags: ["Auth"],
          summary: "Sign out (ends the session of the cookie)",
          body: ZNoBody,
          response: { 204: ZNoContent, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const auth = requireAuth(request);
        if (auth.method === "session") await deps.sessions.end(auth.sessionId);
        clearSessionCookie(deps.config, request, reply);
        return reply.status(204).send(undefined);
      },
    );

    app.get(
      "/api/auth/me",
      {
        config: { access: "authenticated" },
        schema: {
          tags: ["Auth"],
          summary: "The signed-in account, with the session's CSRF token",
          response: { 200: ZAuthMe, ...errorResponses(401) },
        },
      },
      async (request) => toMe(requireAuth(request)),
    );
  };
