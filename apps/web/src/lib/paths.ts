import type { TAppRole } from "@portcullis/shared";

/** Where each role lands after signing in. */
export function homePathFor(role: TAppRole): string {
  return role === "admin" ? "/catalog" : "/portal";
}

/**
 * Characters a browser drops or rewrites while parsing a URL (tab and newline vanish, a backslash
 * becomes a slash): "/\t/evil.example" reaches the router as "//evil.example", another site.
 */
const rewrittenByUrlParsing = (value: string) =>
  [...value].some((char) => char <= " " || char === "\u007f" || char === "\\");
const PARSE_BASE = "http://portcullis.invalid";

/**
 * A `?next=` target only if it is a path on this site (no `//host`, `https://…`, `/\t/host`,
 * `/\host`): anything else is refused, and signing in lands on the home page instead.
 */
export function safeNextPath(value: string | null): string | null {
  if (!value?.startsWith("/") || value.startsWith("//") || rewrittenByUrlParsing(value)) return null;
  let url: URL;
  try {
    url = new URL(value, PARSE_BASE);
  } catch {
    return null;
  }
  if (url.origin !== PARSE_BASE || url.pathname.startsWith("/sign-in")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
