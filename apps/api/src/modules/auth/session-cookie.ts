import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppConfig } from "../../config.ts";
import { SESSION_MAX_MS } from "./session.service.ts";

export const SESSION_COOKIE = "portcullis_session";

function cookieOptions(config: AppConfig, request: FastifyRequest) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    // Secure when configured, or when the request itself came over https (directly or via a trusted proxy).
    secure: config.COOKIE_SECURE === true || request.protocol === "https",
  };
}

export function setSessionCookie(
  config: AppConfig,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(config, request),
    maxAge: Math.floor(SESSION_MAX_MS / 1000),
  });
}

export function clearSessionCookie(config: AppConfig, request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(config, request));
}
