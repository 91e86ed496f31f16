import type { ApiError } from "./api-error.ts";

// Page tokens are opaque to callers but bound to the listing they came from (operation and
// its scoping parameters), so reusing a token on another listing fails as it does in AWS.

export function encodeToken(scope: string, offset: number): string {
  return Buffer.from(`v1|${scope}|${offset}`).toString("base64url");
}

export function decodeToken(token: string | undefined, scope: string, invalid: () => ApiError): number {
  if (token === undefined || token === "") return 0;
  const decoded = Buffer.from(token, "base64url").toString();
  const bar = decoded.lastIndexOf("|");
  const offset = Number(decoded.slice(bar + 1));
  if (decoded.slice(0, bar) !== `v1|${scope}` || !Number.isInteger(offset) || offset < 0) throw invalid();
  return offset;
}

export type Page<T> = { items: T[]; nextOffset?: number };

export function pageOf<T>(items: readonly T[], offset: number, size: number): Page<T> {
  const end = offset + size;
  return { items: items.slice(offset, end), nextOffset: end < items.length ? end : undefined };
}

export function nextToken(scope: string, page: Page<unknown>): string | undefined {
  return page.nextOffset === undefined ? undefined : encodeToken(scope, page.nextOffset);
}

export function pageSize(
  raw: number | undefined,
  { min, max, fallback }: { min: number; max: number; fallback: number },
  invalid: (message: string) => ApiError,
): number {
  if (raw === undefined) return fallback;
  if (!Number.isInteger(raw) || raw < min || raw > max) {
    throw invalid(`Invalid page size ${raw}: must be between ${min} and ${max}.`);
  }
  return raw;
}
