import { z } from "zod";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";

/** States of one fetch (the database enum). "partial": some scopes failed, others succeeded. */
export const SYNC_STATES = ["queued", "running", "succeeded", "partial", "failed", "cancelled"] as const;
export type TSyncState = (typeof SYNC_STATES)[number];
export const ZSyncState = z.enum(SYNC_STATES);

export function isTerminalSyncState(state: TSyncState): boolean {
  return state !== "queued" && state !== "running";
}

const ZCount = z.number().int().nonnegative();

/** Progress of a fetch: scopes are units of work (an account, a region of an account). */
export const ZSyncRun = z.object({
  run_id: z.string(),
  state: ZSyncState,
  started_at: ZIsoDateTime.nullable(),
  finished_at: ZIsoDateTime.nullable(),
  scopes_total: ZCount,
  scopes_done: ZCount,
  scopes_failed: ZCount,
  resources_found: ZCount,
  accounts_found: ZCount,
});

/**
 * One failed scope of a fetch, written for the admin: what failed (`message`) and what to
 * change in AWS (`fix`). `code` is stable for programs (e.g. "AccessDenied").
 */
export const ZSyncError = z.object({
  scope: z.string(),
  account_id: z.string().nullable(),
  region: z.string().nullable(),
  resource_type: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  fix: z.string(),
});

export type TSyncRun = z.output<typeof ZSyncRun>;
export type TSyncError = z.output<typeof ZSyncError>;

/** One fetch in an integration's history: the run, what started it, and its per-scope errors. */
export const ZSyncRunHistoryItem = ZSyncRun.extend({
  trigger: z.string(),
  message: z.string().nullable(),
  errors: z.array(ZSyncError),
});

/** `GET /api/admin/v4/integrations/{id}/sync-runs`: newest first. */
export const ZSyncRunList = z.object({ items: z.array(ZSyncRunHistoryItem) });

export const ZSyncRunListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type TSyncRunHistoryItem = z.output<typeof ZSyncRunHistoryItem>;
export type TSyncRunList = z.output<typeof ZSyncRunList>;
