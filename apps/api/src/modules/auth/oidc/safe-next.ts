const BASE = "http://portcullis.invalid";

/**
 * Where to go after sign-in: a path of this site only ("/portal?x=1"), never another origin
 * ("//evil.example", "/\\evil.example", "https://…"); anything else becomes "/".
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.length > 1000) return "/";
  if (next.startsWith("//") || next.startsWith("/\\")) return "/";
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
