import type { TAppRole } from "@portcullis/shared";

/**
 * Who may call a route: anyone, any signed-in account, or admins only. Every route declares
 * one in `config.access`; a route without one is closed to everybody.
 */
export const ROUTE_ACCESS = ["public", "authenticated", "admin"] as const;
export type RouteAccess = (typeof ROUTE_ACCESS)[number];

export type Principal = { userId: string; email: string; role: TAppRole };

/** How the current request proved who it is. */
export type RequestAuth =
  | { principal: Principal; method: "session"; sessionId: string; csrfToken: string }
  | { principal: Principal; method: "token"; tokenId: string };

/** Resolves the caller from the request's cookie or bearer token; null when anonymous. */
export type Authenticator = (request: {
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string | undefined>;
}) => Promise<RequestAuth | null>;
