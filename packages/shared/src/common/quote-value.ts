// Error messages echo the offending value so the user can spot it, but a hostile or
// accidental multi-megabyte value must never be copied into a message: cut it short.
const MAX_QUOTED = 40;

/** Quote a user-supplied value for an error message, truncated to a readable length. */
export function quoteValue(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
    return JSON.stringify(shown);
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return typeof value === "number" || typeof value === "boolean" ? String(value) : typeof value;
}

/** True for a value a form leaves behind when the user filled nothing in. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}
