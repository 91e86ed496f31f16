import type { TAppRole } from "@portcullis/shared";

/** Where each role lands after signing in. */
export function homePathFor(role: TAppRole): string {
  return role === "admin" ? "/catalog" : "/portal";
}

/** A `?next=` target only if it stays on this site (no `//host` or `https://…`). */
export function safeNextPath(value: string | null): string | null {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (value.startsWith("/sign-in")) return null;
  return value;
}
