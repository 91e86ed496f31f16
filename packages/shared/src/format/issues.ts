import type { z } from "zod";
import type { TApiIssue } from "../api/api-error.schema.ts";

type TZodIssue = z.core.$ZodIssue;

export const API_ISSUES_MAX = 100;

/** Dot-joined path as react-hook-form names fields: ["owner", "attribute_value", 0] → "owner.attribute_value.0". */
export function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === "symbol" ? (segment.description ?? "") : String(segment)))
    .join(".");
}

function flatten(issues: readonly TZodIssue[], prefix: readonly PropertyKey[], out: TApiIssue[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // Like react-hook-form's resolver: report the branch that came closest to matching.
      const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
      flatten(closest, path, out);
      continue;
    }
    out.push({ path: issuePath(path), message: issue.message });
  }
}

/**
 * Zod issues as the API returns them (`ZApiError.issues`) and the web maps back onto form
 * fields: dot-joined paths, union failures resolved to their closest branch, exact
 * duplicates removed, at most `max` issues.
 */
export function zodIssuesToApiIssues(
  error: { readonly issues: readonly TZodIssue[] } | readonly TZodIssue[],
  options: { max?: number } = {},
): TApiIssue[] {
  const issues = Array.isArray(error) ? error : (error as { issues: readonly TZodIssue[] }).issues;
  const flat: TApiIssue[] = [];
  flatten(issues, [], flat);
  const seen = new Set<string>();
  const unique = flat.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.slice(0, options.max ?? API_ISSUES_MAX);
}

/**
 * Fastify validation errors (`error.validation`, as fastify-type-provider-zod builds them,
 * with `instancePath` "/integration_config/region") as API issues. JSON-pointer escapes
 * (~1, ~0) are decoded.
 */
export function validationErrorsToApiIssues(
  errors: ReadonlyArray<{ instancePath: string; message?: string | undefined }>,
  options: { max?: number } = {},
): TApiIssue[] {
  return errors.slice(0, options.max ?? API_ISSUES_MAX).map((error) => ({
    path: error.instancePath
      .split("/")
      .slice(1)
      .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
      .join("."),
    message: error.message ?? "This value is not valid.",
  }));
}

/**
 * First message per path, for `setError(path, { message })` in the web. Issues on the body
 * itself (path "") are kept under "root", react-hook-form's name for form-level errors.
 */
export function apiIssuesToFieldErrors(issues: readonly TApiIssue[]): Record<string, string> {
  // Null prototype: a path such as "constructor" or "__proto__" must be an ordinary key.
  const errors: Record<string, string> = Object.create(null);
  for (const issue of issues) {
    const field = issue.path === "" ? "root" : issue.path;
    if (!Object.hasOwn(errors, field)) errors[field] = issue.message;
  }
  return errors;
}
