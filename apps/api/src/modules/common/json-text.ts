import type { FastifyReply } from "fastify";

/**
 * Sends `value` (typed as the route's 200 schema) as JSON text. Fastify sends a string with a JSON
 * content type as it is, skipping the route's zod serializer, which re-validated every field of a
 * page on each request; the route's tests check the body against the schema instead.
 */
export function sendAsJsonText<Shape>(reply: FastifyReply, value: Shape): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(JSON.stringify(value));
}
