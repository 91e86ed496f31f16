import { describe, expect, it } from "vitest";
import { Pacer, RateLimiter, Semaphore } from "./rate-limiter.ts";

describe("Pacer", () => {
  it("lets a burst through (one token held back), then paces at the rate", () => {
    let now = 1_000_000;
    const pacer = new Pacer(5, 10, () => now);
    const waits = Array.from({ length: 12 }, () => pacer.reserve());
    // 9 at once (a burst of 10, less the token kept for jitter), then one every 200 ms.
    expect(waits).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 400, 600]);
    now += 10_000; // the bucket refills
    expect(pacer.reserve()).toBe(0);
  });

  it("never lets more than the bucket allows over any window", () => {
    const now = 0;
    const rate = 50;
    const burst = 100;
    const pacer = new Pacer(rate, burst, () => now);
    const sendTimes = Array.from({ length: 1000 }, () => now + pacer.reserve());
    // Over any window of t seconds, at most burst + rate·t calls.
    for (let i = 0; i < sendTimes.length; i += 37) {
      for (let j = i + 1; j < sendTimes.length; j += 53) {
        const seconds = (sendTimes[j]! - sendTimes[i]!) / 1000;
        expect(j - i + 1).toBeLessThanOrEqual(burst + rate * seconds + 1e-9);
      }
    }
  });

  it("spends the remaining burst after a throttle", () => {
    const now = 0;
    const pacer = new Pacer(10, 20, () => now);
    expect(pacer.reserve()).toBe(0);
    pacer.drainBurst();
    expect(pacer.reserve()).toBe(100);
    expect(pacer.reserve()).toBe(200);
  });
});

describe("Semaphore", () => {
  it("admits at most max holders, in arrival order", async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    const first = await semaphore.acquire();
    const second = await semaphore.acquire();
    const third = semaphore.acquire().then((release) => {
      order.push(3);
      return release;
    });
    const fourth = semaphore.acquire().then((release) => {
      order.push(4);
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual([3, 4]);
  });

  it("gives up waiting when aborted", async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});

describe("RateLimiter", () => {
  it("keeps one call in flight per operation when asked (Organizations), others run side by side", async () => {
    const limiter = new RateLimiter({ rate: 1000, burst: 1000, concurrency: 1 }, { perOperation: true });
    let inFlight = 0;
    let most = 0;
    const call = () =>
      limiter.run("ListTagsForResource", async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
      });
    let other = false;
    await Promise.all([
      call(),
      call(),
      call(),
      limiter.run("ListAccountsForParent", async () => {
        other = inFlight > 0;
      }),
    ]);
    expect(most).toBe(1);
    expect(other).toBe(true);
  });
});
