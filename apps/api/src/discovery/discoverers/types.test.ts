import { describe, expect, it } from "vitest";
import { mapLimit, prefetched, tagMap } from "./types.ts";

async function* listing(pages: number, log: string[], failAt?: number) {
  for (let page = 1; page <= pages; page++) {
    log.push(`fetch ${page}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (page === failAt) throw new Error(`page ${page} failed`);
    yield page;
  }
}

describe("prefetched", () => {
  it("fetches the next page while the caller works on this one, and yields every page in order", async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const page of prefetched(listing(3, log))) {
      log.push(`write ${page}`);
      seen.push(page);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen).toEqual([1, 2, 3]);
    // Page 2 is already being fetched when page 1 is written.
    expect(log.slice(0, 3)).toEqual(["fetch 1", "fetch 2", "write 1"]);
  });

  it("throws a listing's failure where the caller reads the page", async () => {
    const seen: number[] = [];
    await expect(async () => {
      for await (const page of prefetched(listing(3, [], 2))) seen.push(page);
    }).rejects.toThrow("page 2 failed");
    expect(seen).toEqual([1]);
  });

  it("stops fetching when the caller fails, with no unhandled rejection", async () => {
    const log: string[] = [];
    await expect(async () => {
      for await (const page of prefetched(listing(5, log, 2))) {
        throw new Error(`write ${page} failed`);
      }
    }).rejects.toThrow("write 1 failed");
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(log).toEqual(["fetch 1", "fetch 2"]);
  });
});

describe("mapLimit and tagMap", () => {
  it("keeps the order of the items with a limit on calls in flight", async () => {
    let active = 0;
    let most = 0;
    const out = await mapLimit([3, 1, 2], 2, async (n) => {
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, n));
      active--;
      return n * 10;
    });
    expect(out).toEqual([30, 10, 20]);
    expect(most).toBe(2);
  });

  it("turns AWS tag lists into a map", () => {
    expect(tagMap([{ Key: "owner", Value: "a" }, { Key: "empty" }, { Value: "no key" }])).toEqual({
      owner: "a",
      empty: "",
    });
  });
});
