import { ZApiError } from "@portcullis/shared";
import { z } from "zod";

/** The error shape, for the statuses a route can answer with (documentation and allow-list). */
export function errorResponses<const S extends readonly number[]>(
  ...statuses: S
): Record<S[number], typeof ZApiError> {
  return Object.fromEntries(statuses.map((status) => [status, ZApiError])) as Record<
    S[number],
    typeof ZApiError
  >;
}

/**
 * Body of actions that take none (refresh, check, delete, logout): nothing (Fastify gives
 * null) or `{}`; anything
 * else is refused rather than ignored, so a confused client learns about it.
 */
export const ZNoBody = z
  .strictObject({}, { error: "This request takes no body: send none, or {}." })
  .nullish();

/** `:id` path parameter. The format is checked by the services (unknown ids are a 404). */
export const ZIdParams = z.object({
  id: z.string().max(200, { error: "id must be at most 200 characters." }),
});

/** 204 answers: no body at all. */
export const ZNoContent = z.undefined().describe("No content");
