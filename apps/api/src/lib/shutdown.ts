import type { Logger } from "./logger.ts";

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

  /** SIGINT/SIGTERM stop everything in order; a second signal exits at once. */
  onSignals(exit: (code: number) => void = process.exit): void {
    let signalled = false;
    const handler = (signal: NodeJS.Signals) => {
      if (signalled) {
        this.logger.warn(`${signal} again: exiting now`);
        exit(130);
        return;
      }
      signalled = true;
      this.logger.info(`${signal}: shutting down`);
      void this.run().then(() => exit(0));
    };
    process.on("SIGINT", handler);
    process.on("SIGTERM", handler);
    // pnpm does not forward SIGTERM to the script it runs: when pnpm itself is stopped, the
    // process is re-parented. Under a package manager, that is our cue to stop too.
    if (process.env.npm_lifecycle_event) {
      const parent = process.ppid;
      setInterval(() => {
        if (process.ppid !== parent) handler("SIGTERM");
      }, 500).unref();
    }
  }
}
