import { ZSyncError, ZSyncRun } from "@portcullis/shared";
import { z } from "zod";

// Fetch history of an integration (GET /api/admin/v4/integrations/{id}/sync-runs). The run
// itself is the shared `ZSyncRun`; the history adds what started it and its errors.
export const ZSyncRunHistoryItem = ZSyncRun.extend({
  trigger: z.string().nullish(),
  message: z.string().nullish(),
  errors: z.array(ZSyncError).optional(),
});

export const ZSyncRunList = z.object({ items: z.array(ZSyncRunHistoryItem) });

export type TSyncRunHistoryItem = z.output<typeof ZSyncRunHistoryItem>;
