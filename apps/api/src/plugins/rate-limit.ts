import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";

/**
 * @fastify/rate-limit with no global limit: routes opt in (sign-in does, see
 * modules/auth/login-rate-limit.ts). Counters live in this process's memory.
 */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
}
