import type PgBoss from "pg-boss";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobDelivery } from "./queue.ts";
import { type JobSource, JobTimeoutError, WorkerDeclaredDeadError, WorkerLoop } from "./worker-loop.ts";

const silent = pino({ level: "silent" });
const POLICY = { retryLimit: 2, expireInSeconds: 60 };

/** pg-boss's part in memory: jobs waiting, and what the loop did with the ones it took. */
class FakeSource implements JobSource {
  readonly waiting: PgBoss.JobWithMetadata<unknown>[] = [];
  readonly batches: number[] = [];
  readonly completed: string[] = [];
  readonly failed: Array<{ id: string; name?: string; message?: string }> = [];

  add(id: string, expireInSeconds = 60): void {
    this.waiting.push({
      id,
      name: "connector.check",
      data: { connectorId: id },
      retryCount: 0,
      retryLimit: POLICY.retryLimit,
      expireInSeconds,
    } as unknown as PgBoss.JobWithMetadata<unknown>);
  }

  async fetch(_name: string, options: { batchSize: number }) {
    this.batches.push(options.batchSize);
    return this.waiting.splice(0, options.batchSize);
  }
  async complete(_name: string, id: string) {
    this.completed.push(id);
  }
  async fail(_name: string, id: string, data: { name?: string; message?: string }) {
    this.failed.push({ id, ...data });
  }
}

/** A handler whose jobs run until the test ends them, one by one. */
function controlledHandler() {
  const running = new Map<string, { finish: () => void; fail: (error: Error) => void; job: JobDelivery }>();
  let peak = 0;
  const handler = (payload: { connectorId: string }, job: JobDelivery) =>
    new Promise<void>((resolve, reject) => {
      running.set(payload.connectorId, {
        finish: () => {
          running.delete(payload.connectorId);
          resolve();
        },
        fail: (error) => {
          running.delete(payload.connectorId);
          reject(error);
        },
        job,
      });
      peak = Math.max(peak, running.size);
      job.signal.addEventListener("abort", () => {
        running.delete(payload.connectorId);
        reject(job.signal.reason);
      });
    });
  return { handler, running, peak: () => peak };
}

function loop(
  source: FakeSource,
  handler: unknown,
  options: Partial<ConstructorParameters<typeof WorkerLoop>[5]> = {},
) {
  return new WorkerLoop(source, "connector.check", handler as never, POLICY, silent, {
    concurrency: 2,
    pollingIntervalMs: 50,
    ...options,
  });
}

/** Lets the loop's promises and timers run until `condition` holds (fake time, so nothing waits). */
async function until(condition: () => boolean): Promise<void> {
  for (let step = 0; step < 1000 && !condition(); step++) await vi.advanceTimersByTimeAsync(10);
  expect(condition()).toBe(true);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("worker loop", () => {
  it("works on at most `concurrency` jobs at once, fetching only as many as it has free slots", async () => {
    vi.useFakeTimers();
    const source = new FakeSource();
    for (const id of ["a", "b", "c", "d", "e"]) source.add(id);
    const { handler, running, peak } = controlledHandler();
    const worker = loop(source, handler);
    worker.start();

    await until(() => running.size === 2);
    expect([...running.keys()]).toEqual(["a", "b"]);
    expect(source.batches[0]).toBe(2);
    running.get("a")!.finish();
    await until(() => running.has("c"));
    expect(source.batches.at(-1)).toBe(1);
    while (running.size > 0) {
      for (const job of [...running.values()]) job.finish();
      await until(() => source.waiting.length === 0 || running.size > 0);
    }
    await until(() => source.completed.length === 5);
    expect(source.completed.sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect(peak()).toBe(2);
    expect(source.failed).toEqual([]);
    await worker.stop(1000);
  });

  it("aborts a job still running when its expiry comes and fails it, so it is retried", async () => {
    vi.useFakeTimers();
    const source = new FakeSource();
    source.add("slow", 2);
    const { handler, running } = controlledHandler();
    const worker = loop(source, handler);
    worker.start();
    await until(() => running.has("slow"));
    const { job } = running.get("slow")!;

    await vi.advanceTimersByTimeAsync(1500);
    expect(job.signal.aborted).toBe(false);
    // Just before pg-boss's own expiry (2 s), so this worker's failure is the one recorded.
    await vi.advanceTimersByTimeAsync(300);
    expect(job.signal.aborted).toBe(true);
    expect(job.signal.reason).toBeInstanceOf(JobTimeoutError);
    await until(() => source.failed.length === 1);
    expect(source.failed[0]).toMatchObject({ id: "slow", name: "JobTimeoutError" });
    expect(source.completed).toEqual([]);
    await worker.stop(1000);
  });

  it("stops fetching on stop, lets running jobs finish within the grace, then aborts and fails the rest", async () => {
    vi.useFakeTimers();
    const source = new FakeSource();
    for (const id of ["quick", "stuck", "never-started"]) source.add(id);
    const { handler, running } = controlledHandler();
    const worker = loop(source, handler);
    worker.start();
    await until(() => running.size === 2);
    const fetches = source.batches.length;

    let stopped = false;
    const stopping = worker.stop(5000).then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(1000);
    running.get("quick")!.finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(stopped).toBe(false);
    expect(source.completed).toEqual(["quick"]);

    await vi.advanceTimersByTimeAsync(3000);
    await stopping;
    expect(source.failed).toEqual([{ id: "stuck", name: "Error", message: "The worker is stopping" }]);
    expect(source.batches.length).toBe(fetches);
    expect(source.waiting.map((job) => job.id)).toEqual(["never-started"]);
  });

  it("records the jobs it takes, and hands them back unworked when it cannot", async () => {
    vi.useFakeTimers();
    const source = new FakeSource();
    source.add("a");
    source.add("b");
    const claimed: Array<{ id: string; attempt: number }> = [];
    let refuse = true;
    const claims = {
      async claim(_name: string, jobs: ReadonlyArray<{ id: string; attempt: number }>) {
        if (refuse) throw new Error("database unreachable");
        claimed.push(...jobs);
      },
      holds: async () => true,
    };
    const { handler, running } = controlledHandler();
    const worker = loop(source, handler, { claims, concurrency: 1, pollingIntervalMs: 1000 });
    worker.start();
    await until(() => source.failed.length === 1);
    expect(source.failed[0]).toMatchObject({ id: "a", name: "ClaimError" });
    // It waits a poll before trying again, rather than spinning on a database it cannot write to.
    await vi.advanceTimersByTimeAsync(800);
    expect(source.failed.length).toBe(1);
    expect(running.size).toBe(0);

    refuse = false;
    await until(() => running.has("b"));
    expect(claimed).toEqual([{ id: "b", attempt: 0 }]);
    running.get("b")!.finish();
    await until(() => source.completed.length === 1);
    expect(source.failed.map((job) => job.id)).toEqual(["a"]);
    await worker.stop(1000);
  });

  it("drops its jobs, neither completing nor failing them, once taken for dead", async () => {
    vi.useFakeTimers();
    const source = new FakeSource();
    source.add("a");
    source.add("b");
    const { handler, running } = controlledHandler();
    const worker = loop(source, handler);
    worker.start();
    await until(() => running.size === 2);
    const signals = [...running.values()].map((entry) => entry.job.signal);

    worker.abandonAll();
    await until(() => worker.busy === 0);
    for (const signal of signals) expect(signal.reason).toBeInstanceOf(WorkerDeclaredDeadError);
    expect(source.completed).toEqual([]);
    expect(source.failed).toEqual([]);
    await worker.stop(1000);
  });

  it("neither completes nor fails a job that was retried elsewhere while this worker seemed dead", async () => {
    vi.useFakeTimers();
    const source = new FakeSource();
    source.add("done-late");
    source.add("failed-late");
    source.add("still-mine");
    const retriedElsewhere = new Set(["done-late", "failed-late"]);
    const claims = {
      claim: async () => {},
      holds: async (_name: string, job: { id: string }) => !retriedElsewhere.has(job.id),
    };
    const { handler, running } = controlledHandler();
    const worker = loop(source, handler, { claims, concurrency: 3 });
    worker.start();
    await until(() => running.size === 3);

    running.get("done-late")!.finish();
    running.get("failed-late")!.fail(new Error("AWS said no"));
    running.get("still-mine")!.finish();
    await until(() => worker.busy === 0);
    expect(source.completed).toEqual(["still-mine"]);
    expect(source.failed).toEqual([]);
    await worker.stop(1000);
  });
});
