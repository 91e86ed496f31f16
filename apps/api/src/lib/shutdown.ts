import type { Logger } from "./logger.ts";

/** How long after a stop signal a repeat still counts as the same stop (ms). */
const SAME_STOP_MS = 1000;

/** Stops what was started, in reverse order: HTTP first, then workers and the queue, the database last. */
export class Shutdown {
  private readonly steps: Array<{ name: string; run: () => Promise<unknown> }> = [];
  private running: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  add(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of [...this.steps].reverse()) {
        try {
          await step.run();
        } catch (error) {
          this.logger.error({ err: error }, `shutdown: ${step.name} failed`);
        }
      }
    })();
    return this.running;
  }

  /**
   * SIGINT/SIGTERM stop everything in order; a second signal exits at once. Signals within
   * SAME_STOP_MS of the first are the same stop, not a second one: Ctrl-C in a terminal reaches
   * this process and pnpm (which forwards it), and pnpm's own exit then re-parents us. Returns
   * a function that removes the handlers.
   */
  onSignals(exit: (code: number) => void = process.exit, now: () => number = Date.now): () => void {
    let signalledAt: number | undefined;
    const handler = (signal: NodeJS.Signals) => {
      if (signalledAt !== undefined) {
        if (now() - signalledAt < SAME_STOP_MS) return;
        this.logger.warn(`${signal} again: exiting now`);
        exit(130);
        return;
      }
      signalledAt = now();
      this.logger.info(`${signal}: shutting down`);
      void this.run().then(() => exit(0));
    };
    process.on("SIGINT", handler);
    process.on("SIGTERM", handler);
    // pnpm does not forward SIGTERM to the script it runs: when pnpm itself is stopped, the
    // process is re-parented. Under a package manager, that is our cue to stop too.
    let watcher: NodeJS.Timeout | undefined;
    if (process.env.npm_lifecycle_event) {
      const parent = process.ppid;
      watcher = setInterval(() => {
        if (process.ppid !== parent && signalledAt === undefined) handler("SIGTERM");
      }, 500).unref();
    }
    return () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
      clearInterval(watcher);
    };
  }
}
