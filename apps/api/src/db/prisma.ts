import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.ts";

export type Db = PrismaClient;

const pools = new WeakMap<Db, pg.Pool>();

export function createPrisma(connectionString: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // The client owns the pool: `$disconnect` ends it.
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * The pg pool under a client from `createPrisma`, for the one hot path where Prisma's own
 * per-query work shows: discovery's bulk upserts, where it re-encodes and re-parses a batch's
 * JSON parameter (~6 ms of CPU per 500 rows in a profile). Same connections, same limits.
 */
export function pgPoolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("This Prisma client was not made by createPrisma: it has no pg pool to share.");
  return pool;
}
