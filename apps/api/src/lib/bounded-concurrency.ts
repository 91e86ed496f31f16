/** Thrown by a bounded runner whose running and waiting slots are all taken. */
export class AtCapacityError extends Error {
  constructor() {
    super("At capacity: every running and waiting slot is taken.");
  }
}

export type BoundedRunner = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Runs at most `concurrency` tasks at once; up to `queue` more wait their turn (in order), and
 * any beyond that are refused at once with AtCapacityError, so a flood cannot pile up work.
 */
export function boundedConcurrency(options: { concurrency: number; queue: number }): BoundedRunner {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running < options.concurrency) {
      running++;
    } else if (waiting.length < options.queue) {
      // The finishing task hands its slot over, so `running` stays as it is.
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      throw new AtCapacityError();
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
