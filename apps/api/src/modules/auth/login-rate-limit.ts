import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../lib/app-error.ts";

const WINDOW_MS = 60 * 1000;
/** Per address, whatever the email: stops one client from spraying many accounts. */
const PER_ADDRESS_FACTOR = 10;

function emailOf(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === "string" ? body.email : "";
}

export type LoginThrottle = {
  /** A preHandler: 429 with Retry-After once the address, or the address and email, used up its failures. */
  check(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Counts a failed sign-in against both limits. */
  recordFailure(request: FastifyRequest): Promise<void>;
};

/**
 * Failed sign-ins per client address and email (after validation, so the email is normalised),
 * and per address overall, within a minute. Only failures count: guessing stops after
 * `perMinute` wrong passwords, while whoever signs in correctly, however often (a script, a
 * test suite, a person with many tabs), is never slowed down.
 */
export function loginThrottle(app: FastifyInstance, perMinute: number): LoginThrottle {
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
  return {
    async check(request, reply) {
      for (const limiter of limiters) {
        // A look at the counter, not an attempt: it moves only in recordFailure.
        const status = await limiter(request, { increment: false });
        if (!status.isAllowed && status.remaining === 0) {
          const seconds = Math.max(1, status.ttlInSeconds);
          reply.header("retry-after", String(seconds));
          throw new AppError(
            "TOO_MANY_REQUESTS",
            `Too many failed sign-in attempts. Wait ${seconds} seconds, then try again.`,
          );
        }
      }
    },
    async recordFailure(request) {
      for (const limiter of limiters) await limiter(request);
    },
  };
}
