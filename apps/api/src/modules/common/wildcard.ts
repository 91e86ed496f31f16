import type { Prisma } from "../../generated/prisma/client.ts";

type StringCondition<F extends string> = Record<F, Prisma.StringFilter>;

/**
 * Apono's filter syntax as Prisma conditions on `field` (to be ANDed), case-insensitive:
 * `*text*` contains, `prefix*` starts with, `*suffix` ends with, no `*` equals. Inner
 * stars (`a*b*c`) require every piece: the first as a prefix, the last as a suffix, the
 * others anywhere. `*` alone gives no condition (matches everything).
 */
export function wildcardConditions<F extends string>(field: F, pattern: string): StringCondition<F>[] {
  const mode = "insensitive" as const;
  const condition = (filter: Prisma.StringFilter) => ({ [field]: filter }) as StringCondition<F>;
  // Prisma compares case-insensitive `equals` with ILIKE too, so it needs the same escaping.
  if (!pattern.includes("*")) return [condition({ equals: likeText(pattern), mode })];
  const pieces = pattern.split("*");
  const first = pieces[0] ?? "";
  const last = pieces[pieces.length - 1] ?? "";
  const conditions: StringCondition<F>[] = [];
  if (first) conditions.push(condition({ startsWith: likeText(first), mode }));
  if (last) conditions.push(condition({ endsWith: likeText(last), mode }));
  for (const piece of pieces.slice(1, -1)) {
    if (piece) conditions.push(condition({ contains: likeText(piece), mode }));
  }
  return conditions;
}

/**
 * Prisma passes `contains`/`startsWith`/`endsWith` text into a LIKE pattern as it is, so
 * `%` and `_` in a user's search would act as wildcards: escape them (and the escape).
 */
export function likeText(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}
