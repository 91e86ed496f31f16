import { z } from "zod";

/** Integration statuses of the published API (and the database enum). */
export const INTEGRATION_STATUSES = [
  "Initializing",
  "Refreshing",
  "Active",
  "Warning",
  "Error",
  "Disabled",
] as const;

export type TIntegrationStatus = (typeof INTEGRATION_STATUSES)[number];

export const ZIntegrationStatus = z.enum(INTEGRATION_STATUSES, {
  error: `Status must be one of: ${INTEGRATION_STATUSES.join(", ")}.`,
});

/** Statuses that change on their own while a fetch runs; the UI polls while in them. */
export const TRANSIENT_STATUSES: readonly TIntegrationStatus[] = ["Initializing", "Refreshing"];

/** True when no fetch is in progress, so polling can stop. */
export function isTerminalStatus(status: TIntegrationStatus): boolean {
  return !TRANSIENT_STATUSES.includes(status);
}
