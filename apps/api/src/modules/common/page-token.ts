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
    key.every((part) => typeof part === "string" && part.length <= 512);
  if (!valid) throw invalidPageToken();
  return key as string[];
}

export function invalidPageToken(): AppError {
  return AppError.field("INVALID_PAGE_TOKEN", "page_token", INVALID_PAGE_TOKEN);
}

/** A timestamp part of a cursor, checked. */
export function pageTokenDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalidPageToken();
  return date;
}
