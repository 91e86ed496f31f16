import type { FastifyReply } from "fastify";

/**
 * A response body already serialized as JSON of the route's 200 schema `Shape` (`JSON.stringify` of
 * a value typed as it). Fastify sends a string with a JSON content type as it is, skipping the
 * route's zod serializer, which re-validated every field of a page on each request; the route's
 * tests check the body against the schema instead.
 */
export type JsonText<Shape> = { readonly text: string; readonly shape?: Shape };

export function sendJsonText<Shape>(reply: FastifyReply, body: JsonText<Shape>): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(body.text);
}

export function toJsonText<Shape>(value: Shape): JsonText<Shape> {
  return { text: JSON.stringify(value) };
}
