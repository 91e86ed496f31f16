import type { RateLimit } from "../discovery-config.ts";

/** Resolves after `ms`, or rejects with the signal's reason when it is aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A token bucket as a schedule (GCRA): each call reserves the earliest moment the bucket
 * allows, so waiting calls go in arrival order without a timer per bucket. One token is held
 * back from the burst, so small clock and network jitter never lands a call on an empty
 * bucket on the AWS side.
 */
export class Pacer {
  private theoreticalArrival = 0;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  private get interval(): number {
    return 1000 / this.rate;
  }

  private get tolerance(): number {
    return Math.max(0, this.burst - 2) * this.interval;
  }

  /** Milliseconds to wait before the call may go (0 when a token is free now). */
  reserve(): number {
    const now = this.now();
    const tat = Math.max(this.theoreticalArrival, now);
    const allowedAt = tat - this.tolerance;
    this.theoreticalArrival = tat + this.interval;
    return Math.max(0, allowedAt - now);
  }

  /**
   * After a throttle AWS's bucket is empty: give up the remaining burst, so the next call waits
   * for one token and calls continue at the steady rate.
   */
  drainBurst(): void {
    this.theoreticalArrival = Math.max(this.theoreticalArrival, this.now() + this.tolerance + this.interval);
  }
}

/** At most `max` holders at a time; waiters are served in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.active < this.max) {
      this.active += 1;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      this.waiters.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      // The slot passes straight to the next waiter; `active` stays the same.
      if (next) next();
      else this.active -= 1;
    };
  }
}

/**
 * A token bucket plus a concurrency cap. With `perOperation`, the cap applies to each
 * operation on its own (Organizations: one call in flight per API) while the bucket is shared.
 */
export class RateLimiter {
  private readonly pacer: Pacer;
  private readonly shared: Semaphore;
  private readonly byOperation = new Map<string, Semaphore>();

  constructor(
    private readonly limit: RateLimit,
    private readonly options: { perOperation?: boolean; now?: () => number } = {},
  ) {
    this.pacer = new Pacer(limit.rate, limit.burst, options.now);
    this.shared = new Semaphore(options.perOperation ? Number.POSITIVE_INFINITY : limit.concurrency);
  }

  private semaphoreFor(operation: string): Semaphore {
    if (!this.options.perOperation) return this.shared;
    let semaphore = this.byOperation.get(operation);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit.concurrency);
      this.byOperation.set(operation, semaphore);
    }
    return semaphore;
  }

  /** Waits for a slot and a token, runs `call`, frees the slot when it settles. */
  async run<T>(operation: string, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.semaphoreFor(operation).acquire(signal);
    try {
      await sleep(this.pacer.reserve(), signal);
      return await call();
    } finally {
      release();
    }
  }

  throttled(): void {
    this.pacer.drainBurst();
  }
}

/** Limiters by key, created on first use. Idle ones are forgotten past `max` keys. */
export class LimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly max = 10_000) {}

  get(key: string, create: () => RateLimiter): RateLimiter {
    let limiter = this.limiters.get(key);
    if (limiter) return limiter;
    limiter = create();
    this.limiters.set(key, limiter);
    if (this.limiters.size > this.max) {
      const oldest = this.limiters.keys().next().value;
      if (oldest !== undefined) this.limiters.delete(oldest);
    }
    return limiter;
  }
}
