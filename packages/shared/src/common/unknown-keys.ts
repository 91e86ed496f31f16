import type { z } from "zod";

/**
 * Error map for strict objects: names the unexpected fields and tells the caller to remove
 * them. `hints` replaces the generic sentence for fields people commonly send by mistake
 * (e.g. `secret_store_config`), so the reason is explained rather than just rejected.
 */
export function unknownKeysError(options: {
  /** What the object is, used in "… is not part of <where>." */
  where: string;
  /** What to say when the value is not an object at all. */
  notAnObject: string;
  hints?: Readonly<Record<string, string>>;
}): (issue: z.core.$ZodRawIssue) => string | undefined {
  return (issue) => {
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys as string[];
      const hint = keys.length === 1 ? options.hints?.[keys[0] as string] : undefined;
      if (hint) return hint;
      const listed = keys
        .slice(0, 5)
        .map((key) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key))
        .join(", ");
      const more = keys.length > 5 ? ` and ${keys.length - 5} more` : "";
      return keys.length === 1
        ? `Remove the field ${listed}: it is not part of ${options.where}.`
        : `Remove the fields ${listed}${more}: they are not part of ${options.where}.`;
    }
    if (issue.code === "invalid_type") return options.notAnObject;
    return undefined;
  };
}
