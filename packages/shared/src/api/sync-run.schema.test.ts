import { describe, expect, it } from "vitest";
import { isTerminalSyncState, SYNC_STATES, ZSyncRun } from "./sync-run.schema.ts";

describe("ZSyncRun", () => {
  const run = {
    run_id: "r-1",
    state: "running",
    started_at: "2026-11-27T10:00:00Z",
    finished_at: null,
    scopes_total: 10,
    scopes_done: 4,
    scopes_failed: 1,
    resources_found: 120,
    accounts_found: 3,
  };
  it("accepts a run in progress", () => {
    expect(ZSyncRun.parse(run)).toEqual(run);
  });
  it("accepts a queued run that has not started", () => {
    expect(ZSyncRun.safeParse({ ...run, state: "queued", started_at: null }).success).toBe(true);
  });
  it("rejects negative or fractional counts", () => {
    expect(ZSyncRun.safeParse({ ...run, scopes_done: -1 }).success).toBe(false);
    expect(ZSyncRun.safeParse({ ...run, resources_found: 1.5 }).success).toBe(false);
  });
  it("knows which states are final", () => {
    expect(SYNC_STATES).toEqual(["queued", "running", "succeeded", "partial", "failed", "cancelled"]);
    expect(SYNC_STATES.filter(isTerminalSyncState)).toEqual(["succeeded", "partial", "failed", "cancelled"]);
  });
});
