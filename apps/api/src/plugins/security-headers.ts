import fastifyHelmet from "@fastify/helmet";
import type { FastifyInstance, FastifyReply } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      // Swagger UI and Mantine inject inline styles.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      scriptSrc: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
} satisfies HelmetOptions;

/**
 * Helmet's headers as a plain list, for replies Fastify sends outside the request hooks (its
 * framework and client errors): the same headers as every other reply.
 */
function collectHelmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(HELMET_OPTIONS)({} as never, response as never, () => {});
  return headers;
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = collectHelmetHeaders();

/** Helmet on every reply, and the request id, which the error body carries too. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, HELMET_OPTIONS);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
}

/** What registerSecurityHeaders adds, for a reply that skips the hooks. */
export function setSecurityHeaders(reply: FastifyReply): void {
  reply.headers(SECURITY_HEADERS);
  reply.header("x-request-id", reply.request.id);
}
