import { describe, expect, it } from "vitest";
import { CLOUDTRAIL_RETENTION_MS, nextWindow } from "./ingest-window.ts";

const T = Date.parse("2026-12-01T10:00:00Z");
const at = (ms: number) => new Date(T + ms);
const DELAY = 15 * 60_000;

describe("nextWindow", () => {
  it("reads from the grant to now while the grant is live, never final", () => {
    expect(
      nextWindow({
        grantedAt: at(0),
        endedAt: null,
        readUntil: null,
        now: at(60_000),
        deliveryDelayMs: DELAY,
      }),
    ).toEqual({
      start: at(0),
      end: at(60_000),
      final: false,
    });
  });

  it("starts the next pass one delivery delay before the last one ended, not before the grant", () => {
    const window = nextWindow({
      grantedAt: at(0),
      endedAt: null,
      readUntil: at(3_600_000),
      now: at(3_700_000),
      deliveryDelayMs: DELAY,
    });
    expect(window).toEqual({ start: at(3_600_000 - DELAY), end: at(3_700_000), final: false });
    expect(
      nextWindow({
        grantedAt: at(0),
        endedAt: null,
        readUntil: at(60_000),
        now: at(120_000),
        deliveryDelayMs: DELAY,
      })?.start,
    ).toEqual(at(0));
  });

  it("stops at the grant's end and is final only once the delivery delay has passed after it", () => {
    const ended = at(3_600_000);
    const early = nextWindow({
      grantedAt: at(0),
      endedAt: ended,
      readUntil: ended,
      now: at(3_600_000 + DELAY - 1),
      deliveryDelayMs: DELAY,
    });
    expect(early).toEqual({ start: at(3_600_000 - DELAY), end: ended, final: false });
    const late = nextWindow({
      grantedAt: at(0),
      endedAt: ended,
      readUntil: ended,
      now: at(3_600_000 + DELAY),
      deliveryDelayMs: DELAY,
    });
    expect(late).toEqual({ start: at(3_600_000 - DELAY), end: ended, final: true });
  });

  it("never reads before CloudTrail's 90-day window", () => {
    const now = at(CLOUDTRAIL_RETENTION_MS + 5_000);
    expect(
      nextWindow({ grantedAt: at(0), endedAt: null, readUntil: null, now, deliveryDelayMs: DELAY })?.start,
    ).toEqual(at(5_000));
    // A grant that ended before the window has nothing left to read: a final, empty pass.
    expect(
      nextWindow({ grantedAt: at(0), endedAt: at(1_000), readUntil: null, now, deliveryDelayMs: DELAY }),
    ).toMatchObject({ final: true });
  });
});
