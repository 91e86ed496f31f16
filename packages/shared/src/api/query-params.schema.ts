import { z } from "zod";

// Query string building blocks. Fastify gives a repeated parameter (`?type=a&type=b`) as an
// array and a single one as a string; list filters accept both and output an array.

export const PAGE_TOKEN_MAX = 2048;
export const LIMIT_MAX = 1000;
export const LIMIT_DEFAULT = 100;

/** `limit`: whole number 1–`max` (query strings are text, so it is coerced). */
export function makeLimitParam(max = LIMIT_MAX, fallback = LIMIT_DEFAULT) {
  const message = `limit must be a whole number from 1 to ${max}.`;
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(1, { error: message })
    .max(max, { error: message })
    .default(fallback);
}

export const ZLimitParam = makeLimitParam();

/** Opaque cursor from a previous page's `next_page_token`. */
export const ZPageTokenParam = z
  .string()
  .max(PAGE_TOKEN_MAX, { error: `page_token must be at most ${PAGE_TOKEN_MAX} characters.` })
  .optional();

/** A filter given once or repeated; output is always an array. */
export function makeListParam<T extends z.ZodType<unknown, string>>(item: T, name: string) {
  // The message is on each branch too: issue mappers report a union's closest branch.
  const message = `Send ${name} as text, once or repeated.`;
  return z
    .union([z.string({ error: message }), z.array(z.string({ error: message }), { error: message })], {
      error: message,
    })
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(item).max(50, { error: `Give at most 50 values for ${name}.` }))
    .optional();
}
