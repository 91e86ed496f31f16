import { AppError } from "../../lib/app-error.ts";

const INVALID_PAGE_TOKEN =
  "page_token is not valid: pass the next_page_token of the previous page unchanged.";

/**
 * Keyset cursors: the sort key of the last row of a page, as opaque base64url JSON. Lists
 * continue strictly after it, so a page never repeats or skips rows while others are added.
 */
export function encodePageToken(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/**
 * Text PostgreSQL cannot store or compare: NUL, and UTF-16 halves without their pair. A cursor
 * part holding one would fail in the database (a 500) instead of being refused here.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const storable = (part: string) => !part.includes("\u0000") && !LONE_SURROGATE.test(part);
const MAX_PART_LENGTH = 512;

/** The key inside a token of `size` strings; a token from elsewhere is a 400 on `page_token`. */
export function decodePageToken(token: string, size: number): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidPageToken();
  }
  const valid =
    Array.isArray(key) &&
    key.length === size &&
    key.every((part) => typeof part === "string" && part.length <= MAX_PART_LENGTH && storable(part));
  if (!valid) throw invalidPageToken();
  return key as string[];
}

export function invalidPageToken(): AppError {
  return AppError.field("INVALID_PAGE_TOKEN", "page_token", INVALID_PAGE_TOKEN);
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A timestamp part of a cursor, checked: exactly as encoded (`toISOString()` of a year 0000–9999),
 * so a date PostgreSQL cannot hold (e.g. 271821 BC) never reaches it.
 */
export function pageTokenDate(value: string): Date {
  const date = new Date(value);
  if (!ISO_TIMESTAMP.test(value) || Number.isNaN(date.getTime()) || date.toISOString() !== value) {
    throw invalidPageToken();
  }
  return date;
}
