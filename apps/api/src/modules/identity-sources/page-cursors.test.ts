import { afterEach, describe, expect, it, vi } from "vitest";
import { pageCursors } from "./page-cursors.ts";

const cursor = (n: number) => ({
  createdAt: new Date(1_000 * n),
  id: `00000000-0000-0000-0000-00000000000${n}`,
});

afterEach(() => vi.useRealTimers());

describe("pageCursors", () => {
  it("gives back where a listing's page ended, by the offset that follows, for that listing only", () => {
    const cursors = pageCursors();
    cursors.remember("source-a", 100, cursor(1));
    expect(cursors.at("source-a", 100)).toMatchObject(cursor(1));
    expect(cursors.at("source-a", 200)).toBeUndefined();
    expect(cursors.at("source-b", 100)).toBeUndefined();
    cursors.remember("source-a", 100, cursor(2));
    expect(cursors.at("source-a", 100)).toMatchObject(cursor(2));
  });

  it("forgets a cursor after two minutes, and the oldest beyond a thousand", () => {
    vi.useFakeTimers({ now: 0 });
    const cursors = pageCursors();
    cursors.remember("listing", 100, cursor(1));
    vi.setSystemTime(120_000);
    expect(cursors.at("listing", 100)).toBeDefined();
    vi.setSystemTime(120_001);
    expect(cursors.at("listing", 100)).toBeUndefined();
    for (let page = 1; page <= 1_001; page += 1) cursors.remember("listing", page * 100, cursor(3));
    expect(cursors.at("listing", 100)).toBeUndefined();
    expect(cursors.at("listing", 200)).toBeDefined();
  });
});
