/**
 * Prisma reads an `include`d relation with a second query. A user deleted between the two reads
 * comes back as `user: null` although the type says it cannot be; by then the session or token that
 * pointed at it is gone too (ON DELETE CASCADE). Such a row is treated as missing: the caller gets a
 * 401, not a crash on `user.id`.
 */
export function unlessOwnerVanished<Row extends { user: object }>(row: Row | null): Row | null {
  const user: object | null = row?.user ?? null;
  return user === null ? null : row;
}
