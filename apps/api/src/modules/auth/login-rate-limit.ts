import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../lib/app-error.ts";

const WINDOW_MS = 60 * 1000;
/** Per address, whatever the email: stops one client from spraying many accounts. */
const PER_ADDRESS_FACTOR = 10;

function emailOf(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === "string" ? body.email : "";
}

/**
 * A preHandler limiting sign-in attempts per client address and email (after validation, so
 * the email is normalised), and per address overall. Exceeding either is a 429 with Retry-After.
 */
export function loginRateLimit(app: FastifyInstance, perMinute: number) {
  const limiters = [
    app.createRateLimit({
      max: perMinute * PER_ADDRESS_FACTOR,
      timeWindow: WINDOW_MS,
      keyGenerator: (request) => `login-address:${request.ip}`,
    }),
    app.createRateLimit({
      max: perMinute,
      timeWindow: WINDOW_MS,
      keyGenerator: (request) => `login:${request.ip}:${emailOf(request)}`,
    }),
  ];
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    for (const limiter of limiters) {
      const result = await limiter(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header("retry-after", String(result.ttlInSeconds));
        throw new AppError(
          "RATE_LIMITED",
          `Too many sign-in attempts. Wait ${result.ttlInSeconds} seconds, then try again.`,
        );
      }
    }
  };
}
