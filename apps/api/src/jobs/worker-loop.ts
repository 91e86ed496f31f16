import type PgBoss from "pg-boss";
import type { Logger } from "../lib/logger.ts";
import type { JobHandler } from "./queue.ts";
import { JOB_PAYLOADS, type JobName, type JobPolicy } from "./registry.ts";

/** The part of pg-boss a worker loop uses; PgBoss itself is passed, tests pass a fake of this type. */
export type JobSource = {
  fetch(
    name: string,
    options: { batchSize: number; includeMetadata: true },
  ): Promise<PgBoss.JobWithMetadata<unknown>[]>;
  complete(name: string, id: string): Promise<unknown>;
  fail(name: string, id: string, data: object): Promise<unknown>;
};

/** Records which process holds which job, so the jobs of a process that died can be retried at once. */
export type JobClaims = {
  /** Throws when the claim cannot be written: the jobs are then not run (see WorkerLoop.run). */
  claim(name: JobName, jobs: ReadonlyArray<{ id: string; attempt: number }>): Promise<void>;
  /** Whether this attempt is still the job's running one (not retried meanwhile because this worker seemed dead). */
  holds(name: JobName, job: { id: string; attempt: number }): Promise<boolean>;
};

export type WorkerLoopOptions = {
  concurrency: number;
  pollingIntervalMs: number;
  claims?: JobClaims;
};

export class JobTimeoutError extends Error {
  constructor(seconds: number) {
    super(`The job did not finish within its ${seconds} s; it is retried elsewhere`);
    this.name = "JobTimeoutError";
  }
}

/** This process was taken for dead (its liveness record went stale) and its jobs were given to others. */
export class WorkerDeclaredDeadError extends Error {
  constructor() {
    super("This worker was taken for dead and its jobs were retried elsewhere");
    this.name = "WorkerDeclaredDeadError";
  }
}

type InFlight = { controller: AbortController; done: Promise<void>; abandoned: boolean };

/**
 * Works on up to `concurrency` jobs of one queue at once, each completed or failed on its
 * own. A freed slot fetches the next job straight away; an idle loop polls. A job still
 * running when its expiry comes is aborted and failed, so pg-boss retries it (elsewhere,
 * perhaps) rather than having two workers on it.
 */
export class WorkerLoop {
  private stopping = false;
  private running: Promise<void> | undefined;
  private readonly inFlight = new Map<string, InFlight>();
  private wakeUp: (() => void) | undefined;
  /** A wake-up that came while the loop was busy fetching: the next wait is skipped. */
  private woken = false;

  constructor(
    private readonly source: JobSource,
    private readonly name: JobName,
    private readonly handler: JobHandler<JobName>,
    private readonly policy: JobPolicy,
    private readonly logger: Logger,
    private readonly options: WorkerLoopOptions,
  ) {}

  start(): void {
    this.running = this.loop();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Jobs being worked on now. */
  get busy(): number {
    return this.inFlight.size;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const free = this.options.concurrency - this.inFlight.size;
      let fetched = 0;
      if (free > 0) {
        try {
          const jobs = await this.source.fetch(this.name, { batchSize: free, includeMetadata: true });
          fetched = jobs.length;
          // Not recorded: handed back, and the loop waits a poll before trying again.
          if (jobs.length > 0 && !(await this.claimAndRun(jobs))) fetched = 0;
        } catch (error) {
          this.logger.error({ err: error, queue: this.name }, "could not fetch jobs");
        }
      }
      // Every slot just filled from a full batch: there may be more; otherwise wait for a wake-up.
      if (fetched > 0 && fetched === free) continue;
      if (this.stopping) break;
      if (this.woken) {
        this.woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.options.pollingIntervalMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeUp = done;
      });
      this.wakeUp = undefined;
      this.woken = false;
    }
  }

  /**
   * A job nobody has claimed is taken for abandoned once its grace passes (see liveness-store.ts),
   * so a job whose claim cannot be written is handed back rather than worked on unclaimed.
   */
  private async claimAndRun(jobs: PgBoss.JobWithMetadata<unknown>[]): Promise<boolean> {
    try {
      await this.options.claims?.claim(
        this.name,
        jobs.map((job) => ({ id: job.id, attempt: job.retryCount })),
      );
    } catch (error) {
      this.logger.warn(
        { err: error, queue: this.name },
        "could not record this worker's jobs; handing them back",
      );
      for (const job of jobs) {
        await this.source
          .fail(this.name, job.id, {
            message: "The worker could not record that it took this job",
            name: "ClaimError",
          })
          .catch(() => {});
      }
      return false;
    }
    for (const job of jobs) this.run(job);
    return true;
  }

  private run(job: PgBoss.JobWithMetadata<unknown>): void {
    const controller = new AbortController();
    const seconds = Number(job.expireInSeconds) || this.policy.expireInSeconds;
    // A little before pg-boss would expire it, so this worker's failure is the one recorded.
    const timer = setTimeout(
      () => controller.abort(new JobTimeoutError(seconds)),
      Math.max(500, seconds * 1000 - 250),
    );
    const delivery = {
      id: job.id,
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
      lastAttempt: job.retryCount >= job.retryLimit,
      signal: controller.signal,
    };
    const entry: InFlight = { controller, done: Promise.resolve(), abandoned: false };
    this.inFlight.set(job.id, entry);
    entry.done = (async () => {
      try {
        const payload = JOB_PAYLOADS[this.name].parse(job.data);
        await this.handler(payload as never, delivery);
        // Given to another worker meanwhile: completing now would complete that worker's attempt.
        if (await this.stillHeld(job, entry)) await this.source.complete(this.name, job.id);
      } catch (error) {
        if (!(await this.stillHeld(job, entry))) return;
        const err = error as Error;
        this.logger.warn({ err, queue: this.name, jobId: job.id, attempt: job.retryCount + 1 }, "job failed");
        await this.source
          .fail(this.name, job.id, { message: err?.message ?? String(error), name: err?.name })
          .catch((failError: unknown) =>
            this.logger.error({ err: failError, jobId: job.id }, "could not fail job"),
          );
      } finally {
        clearTimeout(timer);
        this.inFlight.delete(job.id);
        this.wake();
      }
    })();
  }

  /**
   * False once the job was retried because this process seemed dead: a frozen process that
   * resumes finishes its handler before its next heartbeat tells it so. When the database
   * cannot say, the job is taken as held (pg-boss's own call then fails the same way).
   */
  private async stillHeld(job: PgBoss.JobWithMetadata<unknown>, entry: InFlight): Promise<boolean> {
    if (entry.abandoned) return false;
    if (!this.options.claims) return true;
    try {
      const held = await this.options.claims.holds(this.name, { id: job.id, attempt: job.retryCount });
      if (!held)
        this.logger.warn({ queue: this.name, jobId: job.id }, "job retried elsewhere meanwhile; dropped");
      return held;
    } catch {
      return true;
    }
  }

  /**
   * This process's jobs were failed into a retry by another process (it took this one for dead):
   * every running job is aborted and left alone, neither completed nor failed, since its next
   * attempt may already be running elsewhere.
   */
  abandonAll(): void {
    for (const entry of this.inFlight.values()) {
      entry.abandoned = true;
      entry.controller.abort(new WorkerDeclaredDeadError());
    }
  }

  /**
   * Stops fetching, lets running jobs finish for up to `graceMs`, then aborts the rest: they
   * fail and are retried (here after a restart, or by another worker).
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    const settled = () => Promise.all([...this.inFlight.values()].map((entry) => entry.done));
    if (this.inFlight.size === 0) return;
    await within(settled(), graceMs);
    for (const entry of this.inFlight.values()) entry.controller.abort(new Error("The worker is stopping"));
    // A handler deaf to the abort is left behind; its job expires and is retried elsewhere.
    await within(settled(), 2000);
  }
}

/** Waits for `promise`, but no longer than `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
