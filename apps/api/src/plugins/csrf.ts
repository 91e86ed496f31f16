import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { AppError } from "../lib/app-error.ts";
import { isUnsafeMethod } from "./access-control.ts";

export const CSRF_HEADER = "x-csrf-token";

export const CSRF_MESSAGE =
  "Missing or wrong CSRF token: send the x-csrf-token header with the csrf_token from /api/auth/me.";

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Writes authenticated by the session cookie must carry the session's CSRF token in a header,
 * which another site cannot read or set. Bearer-token requests carry no ambient credential,
 * so they need none. Register after the access control hook (it sets `request.auth`).
 */
export function registerCsrfProtection(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    const auth = request.auth;
    if (auth?.method !== "session" || !isUnsafeMethod(request.method)) return;
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== "string" || !sameToken(header, auth.csrfToken)) {
      throw new AppError("CSRF_FAILED", CSRF_MESSAGE);
    }
  });
}
