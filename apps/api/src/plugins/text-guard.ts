import type { FastifyInstance } from "fastify";
import { AppError } from "../lib/app-error.ts";

export const NUL_MESSAGE = "Text may not contain the NUL character (\\u0000).";

/**
 * The path of the first string (or object key) holding a NUL character, or null. Iterative,
 * so a deeply nested body cannot exhaust the stack.
 */
export function findNul(root: unknown): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: "" }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return path;
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    for (const [key, entry] of Object.entries(value)) {
      const child = path ? `${path}.${key}` : key;
      if (key.includes("\u0000")) return path;
      stack.push({ value: entry, path: child });
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store or compare text holding NUL characters; one reaching a query
 * would be a 500. Request bodies, query strings and path parameters holding one are
 * refused up front with a 400 naming the field.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const parts = [
      ["params", request.params],
      ["querystring", request.query],
      ["body", request.body],
    ] as const;
    for (const [part, value] of parts) {
      const path = findNul(value);
      if (path !== null) {
        throw new AppError("VALIDATION_FAILED", `Invalid ${part}. ${path ? `${path}: ` : ""}${NUL_MESSAGE}`, [
          { path, message: NUL_MESSAGE },
        ]);
      }
    }
  });
}
