import { describe, expect, it } from "vitest";
import { AtCapacityError, boundedConcurrency } from "./bounded-concurrency.ts";

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("boundedConcurrency", () => {
  it("runs up to the limit at once, queues the next ones in order and refuses the rest", async () => {
    const run = boundedConcurrency({ concurrency: 2, queue: 1 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const tasks = gates.map((gate, index) =>
      run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    await expect(run(async () => "refused")).rejects.toBeInstanceOf(AtCapacityError);

    gates[0]?.resolve();
    expect(await tasks[0]).toBe(0);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve();
    gates[2]?.resolve();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2]);
  });

  it("frees the slot of a task that fails", async () => {
    const run = boundedConcurrency({ concurrency: 1, queue: 0 });
    await expect(run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await run(async () => "next")).toBe("next");
  });
});
