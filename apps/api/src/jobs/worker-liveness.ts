import { randomUUID } from "node:crypto";
import type { Logger } from "../lib/logger.ts";
import type { JobTiming } from "./job-timing.ts";
import { type DeadJob, type LivenessStore, thisWorker } from "./liveness-store.ts";
import type { JobName } from "./registry.ts";
import type { JobClaims } from "./worker-loop.ts";

export type WorkerLiveness = {
  readonly workerId: string;
  readonly claims: JobClaims;
  /** Removes the record: a clean stop leaves nothing to recover. Call once the loops have stopped. */
  stop(): Promise<void>;
};

export type LivenessOptions = {
  store: LivenessStore;
  timing: Pick<JobTiming, "workerHeartbeatSeconds" | "workerDeadAfterSeconds">;
  logger: Logger;
  /** Recovers dead workers' jobs; run at start and with every heartbeat. */
  recover: () => Promise<DeadJob[]>;
  /** This process was taken for dead and its jobs were retried elsewhere: drop them. */
  onDeclaredDead: () => void;
};

/**
 * A worker process's liveness record: registered when the process starts working on jobs,
 * renewed every `workerHeartbeatSeconds`. With each heartbeat (and at once on start, to take
 * over what a crashed predecessor left) it fails the jobs of workers silent for
 * `workerDeadAfterSeconds` into a retry, so a killed process's work is taken over in well
 * under a minute rather than at its job's expiry.
 */
export async function startWorkerLiveness(options: LivenessOptions): Promise<WorkerLiveness> {
  const { store, timing, logger } = options;
  const worker = thisWorker(randomUUID());
  await store.register(worker);
  let beating: Promise<void> | undefined;
  let stopped = false;

  async function recover(): Promise<void> {
    try {
      const jobs = await options.recover();
      if (jobs.length > 0) {
        const workers = [...new Set(jobs.map((job) => job.workerId ?? "none"))];
        logger.warn(
          { jobs: jobs.length, queues: [...new Set(jobs.map((job) => job.name))], workers },
          "retrying the jobs of dead workers",
        );
      }
    } catch (error) {
      logger.warn({ err: error }, "could not recover the jobs of dead workers");
    }
  }

  async function beat(): Promise<void> {
    try {
      if (!(await store.heartbeat(worker.id))) {
        if (stopped) return;
        logger.warn(
          { workerId: worker.id },
          "this worker was taken for dead (no heartbeat for a while) and its jobs were retried elsewhere; dropping them",
        );
        options.onDeclaredDead();
        await store.register(worker);
      }
    } catch (error) {
      logger.warn({ err: error }, "could not renew this worker's liveness record");
    }
    if (!stopped) await recover();
  }

  await recover();
  const timer = setInterval(() => {
    // A slow database: one heartbeat at a time.
    if (beating) return;
    beating = beat().finally(() => {
      beating = undefined;
    });
  }, timing.workerHeartbeatSeconds * 1000);
  timer.unref();

  return {
    workerId: worker.id,
    claims: {
      claim: (name: JobName, jobs) => store.claim(worker.id, name, jobs),
      holds: (name: JobName, job) => store.holds(name, job),
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await beating;
      await store.remove(worker.id).catch((error: unknown) => {
        logger.warn({ err: error }, "could not remove this worker's liveness record; it expires on its own");
      });
    },
  };
}
