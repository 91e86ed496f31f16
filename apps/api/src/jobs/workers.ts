import type { Logger } from "../lib/logger.ts";
import type { JobHandler, Queue } from "./queue.ts";
import type { JobName } from "./registry.ts";

export type JobHandlers = { [N in JobName]?: JobHandler<N> };

/** Jobs a process works on at once, per queue: scope jobs fan out, the rest are light. */
function concurrencyOf(name: JobName, queue: Queue): number {
  switch (name) {
    case "integration.sync-scope":
      return queue.timing.workerConcurrency;
    case "integration.sync":
    case "connector.check":
      return 2;
    case "access.grant":
    case "access.revoke":
      // Three times the Identity Center operations a process keeps in progress (granting's
      // maxOutstanding, 10): a job also reads and writes its rows before and after its operation,
      // and at exactly 10 a freed slot waited for the next job's preparation, which bench B6 saw
      // as revocation lag growing with every round of 10. The extra jobs wait at the granter's
      // slots (and its one-operation-per-account-and-permission-set lock), holding nothing.
      return 30;
    case "maintenance.tick":
    case "access.reconcile":
    case "activity.ingest":
    case "credentials.rotate":
      return 1;
  }
}

/**
 * Subscribes this process to every job that has a handler. A process that runs the
 * maintenance tick also schedules it: every minute by cron, and more often when
 * MAINTENANCE_TICK_SECONDS asks for it (a throttled send, so one tick per interval overall).
 */
export async function startWorkers(
  queue: Queue,
  handlers: JobHandlers,
  options: { logger?: Logger; activityIngestSeconds?: number } = {},
): Promise<void> {
  for (const [name, handler] of Object.entries(handlers) as Array<[JobName, JobHandler<JobName>]>) {
    await queue.work(name, handler, { concurrency: concurrencyOf(name, queue) });
  }
  if (handlers["maintenance.tick"]) await scheduleTick(queue, options.logger);
  if (handlers["activity.ingest"]) await scheduleActivityIngest(queue, options);
}

/**
 * The audit ingest: every minute by cron, and more often when AUDIT_INGEST_SECONDS asks for it
 * (a throttled send, so one pass per interval overall); each pass resumes from the cursors.
 */
async function scheduleActivityIngest(
  queue: Queue,
  options: { logger?: Logger; activityIngestSeconds?: number },
): Promise<void> {
  const seconds = options.activityIngestSeconds ?? 60;
  await queue.schedule("activity.ingest", "* * * * *");
  if (seconds >= 60) return;
  const send = () =>
    queue
      .send("activity.ingest", {}, { singletonKey: "activity-ingest", singletonSeconds: seconds })
      .catch((error: unknown) => options.logger?.warn({ err: error }, "could not queue the activity ingest"));
  const timer = setInterval(send, seconds * 1000);
  timer.unref();
  queue.onStop(() => clearInterval(timer));
}

async function scheduleTick(queue: Queue, logger: Logger | undefined): Promise<void> {
  const seconds = queue.timing.tickSeconds;
  const minutes = Math.max(1, Math.round(seconds / 60));
  await queue.schedule("maintenance.tick", minutes === 1 ? "* * * * *" : `*/${minutes} * * * *`);
  const tick = () =>
    queue
      .send("maintenance.tick", {}, { singletonKey: "tick", singletonSeconds: seconds })
      .catch((error: unknown) => logger?.warn({ err: error }, "could not queue the maintenance tick"));
  // One tick right away: a restart recovers what the previous process left behind.
  await tick();
  if (seconds >= 60) return;
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  queue.onStop(() => clearInterval(timer));
}
