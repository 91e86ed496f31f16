import { describe, expect, it } from "vitest";
import { INTEGRATION_STATUSES, isTerminalStatus, ZIntegrationStatus } from "./integration-status.ts";

describe("integration statuses", () => {
  it("are the published ones", () => {
    expect(INTEGRATION_STATUSES).toEqual([
      "Initializing",
      "Refreshing",
      "Active",
      "Warning",
      "Error",
      "Disabled",
    ]);
  });
  it("are terminal unless a fetch is running", () => {
    expect(isTerminalStatus("Initializing")).toBe(false);
    expect(isTerminalStatus("Refreshing")).toBe(false);
    for (const status of ["Active", "Warning", "Error", "Disabled"] as const) {
      expect(isTerminalStatus(status)).toBe(true);
    }
  });
  it("explain an unknown status", () => {
    expect(ZIntegrationStatus.safeParse("active").error?.issues[0]?.message).toBe(
      "Status must be one of: Initializing, Refreshing, Active, Warning, Error, Disabled.",
    );
  });
});
