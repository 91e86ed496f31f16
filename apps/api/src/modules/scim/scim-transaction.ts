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
/** pg's own error codes, for statements sent to the pool directly (Prisma reports P2002/P2003). */
const PG_UNIQUE_VIOLATION = "23505";
const PG_FOREIGN_KEY_VIOLATION = "23503";
const pgCodeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** The SCIM answer for a failed write, or the error itself when it is none of SCIM's. */
function scimErrorOf(error: unknown, taken: (value: string) => ScimError, value: string): unknown {
  if (isRecordNotFound(error) || isForeignKeyViolation(error) || pgCodeOf(error) === PG_FOREIGN_KEY_VIOLATION)
    return new ScimError(401, SCIM_AUTH_MESSAGE);
  if (isUniqueViolation(error) || pgCodeOf(error) === PG_UNIQUE_VIOLATION) return taken(value);
  return error;
}

/**
 * One SCIM write that is a single statement (it marks the source changed itself): no transaction
 * to open, the same answers as `scimTransaction` for a deleted source or a taken value.
 */
export async function scimStatement<T>(
  taken: (value: string) => ScimError,
  value: string,
  statement: () => Promise<T>,
): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    throw scimErrorOf(error, taken, value);
  }
}

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
    throw scimErrorOf(error, taken, unique.value);
  }
}
