import type { FastifyReply } from "fastify";

/**
 * JSON text of a value of type `Shape` (a route's 200 schema), built elsewhere than in
 * JSON.stringify (PostgreSQL builds list pages): the type says which schema it follows.
 */
export type JsonText<Shape> = string & { readonly __shape?: Shape };

/** A page of JSON text and how many items it holds (an empty page may need a 404 check). */
export type JsonPage<Shape> = { json: JsonText<Shape>; count: number };

/**
 * Sends `value` (typed as the route's 200 schema) as JSON text. Fastify sends a string with a JSON
 * content type as it is, skipping the route's zod serializer, which re-validated every field of a
 * page on each request; the route's tests check the body against the schema instead.
 */
export function sendAsJsonText<Shape>(reply: FastifyReply, value: Shape): FastifyReply {
  return sendJsonText<Shape>(reply, JSON.stringify(value));
}

/**
 * Sends JSON text as it is (the route's schema still documents it in OpenAPI; the route's tests
 * check the text against the schema).
 */
export function sendJsonText<Shape>(reply: FastifyReply, json: JsonText<Shape>): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(json);
}
