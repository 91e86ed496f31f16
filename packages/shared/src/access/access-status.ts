import { z } from "zod";

/**
 * Where an access request is in its life (ACCESS.md): PENDING → APPROVED → GRANTING → GRANTED →
 * REVOKING → EXPIRED | REVOKED; REJECTED, CANCELED and FAILED end it early. Each entitlement of a
 * request has one of these too (its own grant).
 */
export const ACCESS_STATUSES = [
  "PENDING",
  "APPROVED",
  "GRANTING",
  "GRANTED",
  "REVOKING",
  "EXPIRED",
  "REVOKED",
  "REJECTED",
  "CANCELED",
  "FAILED",
] as const;
export type TAccessStatus = (typeof ACCESS_STATUSES)[number];

export const ZAccessStatus = z.enum(ACCESS_STATUSES, {
  error: `Status must be one of: ${ACCESS_STATUSES.join(", ")}.`,
});

/** Statuses after which nothing more happens to a request. */
export const FINAL_ACCESS_STATUSES = ["EXPIRED", "REVOKED", "REJECTED", "CANCELED", "FAILED"] as const;

/** Statuses in which the access exists, or is being made, in AWS: a revoke has something to do. */
export const LIVE_ACCESS_STATUSES = ["APPROVED", "GRANTING", "GRANTED"] as const;

export function isFinalAccessStatus(status: TAccessStatus): boolean {
  return (FINAL_ACCESS_STATUSES as readonly string[]).includes(status);
}
