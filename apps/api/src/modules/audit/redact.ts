/** Keys whose values never go into the audit log: passwords, secrets, tokens and their hashes. */
const SECRET_KEY = /password|secret|token|(^|_)hash$/i;
export const REDACTED = "[redacted]";
const MAX_DEPTH = 20;

/**
 * A JSON-safe copy of `value` for the audit log, with secret-looking fields replaced by
 * "[redacted]" (null/absent values stay as they are, so "was unset" remains visible).
 * Dates become ISO strings.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry === undefined) continue;
      result[key] = SECRET_KEY.test(key) && entry !== null ? REDACTED : redactSecrets(entry, depth + 1);
    }
    return result;
  }
  return value;
}
