/**
 * Apono's filter syntax as case-insensitive LIKE patterns on one column (to be ANDed, each with
 * ILIKE): `*text*` contains, `prefix*` starts with, `*suffix` ends with, no `*` equals. Inner
 * stars (`a*b*c`) require every piece: the first as a prefix, the last as a suffix, the others
 * anywhere. `*` alone gives no pattern (matches everything). `%`, `_` and `\` are literal.
 */
export function wildcardLikePatterns(pattern: string): string[] {
  if (!pattern.includes("*")) return [likeText(pattern)];
  const pieces = pattern.split("*");
  const first = pieces[0] ?? "";
  const last = pieces[pieces.length - 1] ?? "";
  const patterns: string[] = [];
  if (first) patterns.push(`${likeText(first)}%`);
  if (last) patterns.push(`%${likeText(last)}`);
  for (const piece of pieces.slice(1, -1)) {
    if (piece) patterns.push(`%${likeText(piece)}%`);
  }
  return patterns;
}

/**
 * Text for inside a LIKE pattern (Prisma's `contains`/`startsWith`/`endsWith` pass theirs as it
 * is too): `%` and `_` in a user's search would act as wildcards, so escape them (and the escape).
 */
export function likeText(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}
