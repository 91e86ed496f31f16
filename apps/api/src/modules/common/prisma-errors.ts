import { Prisma } from "../../generated/prisma/client.ts";

type DriverConstraint = { index?: string; fields?: string[] };

function knownError(error: unknown, code: string): Prisma.PrismaClientKnownRequestError | null {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code ? error : null;
}

function constraintOf(error: Prisma.PrismaClientKnownRequestError): DriverConstraint | undefined {
  const meta = error.meta as
    | { target?: string | string[]; driverAdapterError?: { cause?: { constraint?: DriverConstraint } } }
    | undefined;
  return meta?.driverAdapterError?.cause?.constraint;
}

/**
 * A unique index rejected the write (P2002). With `index`, only that index counts (the
 * driver adapter reports the index name, e.g. "integrations_name_key").
 */
export function isUniqueViolation(error: unknown, index?: string): boolean {
  const known = knownError(error, "P2002");
  if (!known) return false;
  if (!index) return true;
  return constraintOf(known)?.index === index;
}

/** A foreign key refused the write or delete (P2003), e.g. deleting a connector still in use. */
export function isForeignKeyViolation(error: unknown): boolean {
  return knownError(error, "P2003") !== null;
}

/** The row to update or delete does not exist (P2025), e.g. deleted by another request meanwhile. */
export function isRecordNotFound(error: unknown): boolean {
  return knownError(error, "P2025") !== null;
}
