import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { AppError } from "../../lib/app-error.ts";
import { isUniqueViolation } from "../common/prisma-errors.ts";
import { identitySourceRepository } from "./identity-source.repository.ts";

/** The field a unique violation is reported on, and the sentence (a taken user name or group name). */
export type NameConflict = { field: string; message: string };

/**
 * One admin write to a built-in source's people or groups (through the identity-sources API or
 * Apono's group API): a transaction that also marks the source changed; a taken user or group
 * name becomes IDENTITY_NAME_TAKEN on the conflict's field.
 */
export async function builtInWrite<T>(
  db: Db,
  sourceId: string,
  conflict: NameConflict,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  const sources = identitySourceRepository(db);
  try {
    return await db.$transaction(async (tx) => {
      const result = await work(tx);
      await sources.touch(tx, sourceId);
      return result;
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (isUniqueViolation(error))
      throw AppError.field("IDENTITY_NAME_TAKEN", conflict.field, conflict.message);
    throw error;
  }
}
