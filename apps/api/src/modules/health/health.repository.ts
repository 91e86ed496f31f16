import type { Db } from "../../db/prisma.ts";

export function healthRepository(db: Db) {
  return {
    /** Resolves when the database answers a trivial statement (raw: it reads no table). */
    ping: () => db.$queryRaw`SELECT 1`,
  };
}
