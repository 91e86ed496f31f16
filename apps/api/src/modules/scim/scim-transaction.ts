import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { isForeignKeyViolation, isRecordNotFound, isUniqueViolation } from "../common/prisma-errors.ts";
import { identitySourceRepository } from "../identity-sources/identity-source.repository.ts";
import { SCIM_AUTH_MESSAGE } from "./scim-auth.ts";
import { ScimError } from "./scim-error.ts";

/** The unique value a write is storing (a userName, a displayName), for the uniqueness error. */
export type UniqueValue = { value: string };

/**
 * One SCIM write to a source's Users or Groups: a transaction that also marks the source changed.
 * A source deleted while the request ran (its rows vanish under the write) is a 401: its token no
 * longer opens anything. A unique violation is RFC 7644's 409 `uniqueness`, worded by `taken` with
 * the value the work said it was storing.
 */
export async function scimTransaction<T>(
  db: Db,
  sourceId: string,
  taken: (value: string) => ScimError,
  work: (tx: Prisma.TransactionClient, unique: UniqueValue) => Promise<T>,
): Promise<T> {
  const sources = identitySourceRepository(db);
  const unique: UniqueValue = { value: "" };
  try {
    return await db.$transaction(async (tx) => {
      const result = await work(tx, unique);
      await sources.touch(tx, sourceId);
      return result;
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (isRecordNotFound(error) || isForeignKeyViolation(error)) throw new ScimError(401, SCIM_AUTH_MESSAGE);
    if (isUniqueViolation(error)) throw taken(unique.value);
    throw error;
  }
}
