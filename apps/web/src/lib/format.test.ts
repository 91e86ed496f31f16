import { describe, expect, it } from "vitest";
import { formatDuration, timeAgo } from "./format.ts";

describe("formatDuration", () => {
  const start = "2026-01-01T00:00:00.000Z";
  const after = (ms: number) => new Date(Date.parse(start) + ms).toISOString();

  it("picks a readable unit", () => {
    expect(formatDuration(start, after(850))).toBe("850 ms");
    expect(formatDuration(start, after(12_000))).toBe("12 s");
    expect(formatDuration(start, after(185_000))).toBe("3 min 5 s");
    expect(formatDuration(start, after(120_000))).toBe("2 min");
    expect(formatDuration(start, after(3_720_000))).toBe("1 h 2 min");
  });

  it("is null until the run has finished", () => {
    expect(formatDuration(start, null)).toBeNull();
    expect(formatDuration(null, start)).toBeNull();
  });
});

describe("timeAgo", () => {
  const now = Date.parse("2026-01-10T12:00:00.000Z");
  it("counts back from now", () => {
    expect(timeAgo(null, now)).toBe("Never");
    expect(timeAgo("2026-01-10T11:59:50.000Z", now)).toBe("Just now");
    expect(timeAgo("2026-01-10T11:50:00.000Z", now)).toBe("10 min ago");
    expect(timeAgo("2026-01-10T09:00:00.000Z", now)).toBe("3 h ago");
    expect(timeAgo("2026-01-09T12:00:00.000Z", now)).toBe("1 day ago");
  });
});
