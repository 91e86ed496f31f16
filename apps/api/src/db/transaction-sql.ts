import type { Prisma } from "../generated/prisma/client.ts";
import type { SqlExecutor } from "../jobs/queue.ts";

/**
 * Lets pg-boss write its job row through an open Prisma transaction, so the job exists
 * exactly when the rows that need it are committed.
 */
export function transactionSql(tx: Prisma.TransactionClient): SqlExecutor {
  return {
    executeSql: (text, values) => tx.$queryRawUnsafe<unknown[]>(text, ...values).then((rows) => ({ rows })),
  };
}

/** Long enough for 20 writers queueing on one unique name, short enough to free a stuck pool. */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;
