import type { JobHandler, Queue } from "./queue.ts";
import type { JobName } from "./registry.ts";

export type JobHandlers = { [N in JobName]?: JobHandler<N> };

/** Subscribes this process to every job that has a handler. */
export async function startWorkers(queue: Queue, handlers: JobHandlers): Promise<void> {
  for (const [name, handler] of Object.entries(handlers) as Array<[JobName, JobHandler<JobName>]>) {
    await queue.work(name, handler);
  }
}
