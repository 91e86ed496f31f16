import type { FastifyInstance, FastifyRequest, RouteOptions } from "fastify";
import { AppError } from "../lib/app-error.ts";
import {
  type Authenticator,
  type RequestAuth,
  ROUTE_ACCESS,
  type RouteAccess,
} from "../modules/auth/auth.types.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Who may call the route (see ROUTE_ACCESS). Required: routes without it are closed. */
    access?: RouteAccess;
    /** Older spelling of `access: "public"` (the health route). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in caller; null on public routes and for anonymous requests. */
    auth: RequestAuth | null;
  }
  interface FastifyInstance {
    /** Every route with its access rule, in registration order (the authorization tests walk it). */
    routeAccess: RouteAccessEntry[];
  }
}

export type RouteAccessEntry = { method: string; url: string; access: RouteAccess | undefined };

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const AUTH_MESSAGES = {
  anonymous:
    "Sign in to continue: send your session cookie, or an API token as Authorization: Bearer <token>.",
  adminOnly: "This needs the admin role; your account has the user role.",
  undeclared: "This route has no access rule, so it is closed to everyone.",
} as const;

/**
 * Routes outside the API (the web app's static files) and the OpenAPI pages are public by
 * location; everything else must say who may call it.
 */
function defaultAccess(route: RouteOptions): RouteAccess | undefined {
  const declared = route.config?.access;
  if (declared !== undefined) {
    if (!ROUTE_ACCESS.includes(declared)) throw new Error(`Route ${route.url}: unknown access "${declared}"`);
    return declared;
  }
  if (route.config?.public === true) return "public";
  if (!route.url.startsWith("/api/") || route.url === "/api/docs" || route.url.startsWith("/api/docs/")) {
    return "public";
  }
  return undefined;
}

/**
 * Authentication and authorization for every route, before the body is even read: anonymous
 * callers get 401, callers without the role 403, and a route that forgot to declare its
 * access is refused to everyone (fail closed). Register before any route.
 */
export function registerAccessControl(app: FastifyInstance, deps: { authenticate: Authenticator }): void {
  const routes: RouteAccessEntry[] = [];
  app.decorate("routeAccess", routes);
  app.decorateRequest("auth", null);

  app.addHook("onRoute", (route) => {
    const access = defaultAccess(route);
    route.config = { ...route.config, access };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, access });
    if (access === undefined)
      app.log.error(`Route ${methods.join(",")} ${route.url} declares no access; it is closed.`);
  });

  app.addHook("onRequest", async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (access === "public") return;
    if (access === undefined) throw new AppError("FORBIDDEN", AUTH_MESSAGES.undeclared);
    const auth = await deps.authenticate(request);
    if (!auth) throw new AppError("UNAUTHENTICATED", AUTH_MESSAGES.anonymous);
    request.auth = auth;
    if (access === "admin" && auth.principal.role !== "admin") {
      throw new AppError("FORBIDDEN", AUTH_MESSAGES.adminOnly);
    }
  });
}

/** The caller of a route that is not public (the access hook has already checked it). */
export function requireAuth(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new AppError("UNAUTHENTICATED", AUTH_MESSAGES.anonymous);
  return request.auth;
}

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE_METHODS.has(method);
}
