import PgBoss from "pg-boss";
import type { Logger } from "../lib/logger.ts";
import { JOB_NAMES, JOB_PAYLOADS, JOB_POLICIES, type JobName, type JobPayload } from "./registry.ts";

/** Runs SQL inside the caller's transaction, so a job is enqueued atomically with the row that needs it. */
export type SqlExecutor = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

export type JobHandler<N extends JobName> = (
  payload: JobPayload<N>,
  job: { id: string; retryCount: number },
) => Promise<void>;

export type Queue = {
  send<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options?: { db?: SqlExecutor; startAfter?: Date; singletonKey?: string },
  ): Promise<string | null>;
  cancel(name: JobName, id: string): Promise<void>;
  work<N extends JobName>(
    name: N,
    handler: JobHandler<N>,
    options?: { batchSize?: number; pollingIntervalSeconds?: number },
  ): Promise<void>;
  schedule(name: JobName, cron: string): Promise<void>;
  isHealthy(): Promise<boolean>;
  stop(): Promise<void>;
};

/** pg-boss on the application's PostgreSQL, with the typed registry in front of it. */
export async function startQueue(
  connectionString: string,
  logger: Logger,
  options: { schedule?: boolean } = {},
): Promise<Queue> {
  const boss = new PgBoss({
    connectionString,
    max: 4,
    // Only processes that run workers maintain the queue and fire cron schedules.
    supervise: options.schedule ?? true,
    schedule: options.schedule ?? true,
  });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();
  for (const name of JOB_NAMES) {
    await boss.createQueue(name, { name, ...JOB_POLICIES[name] });
  }
  return {
    async send(name, payload, sendOptions = {}) {
      const data = JOB_PAYLOADS[name].parse(payload);
      return boss.send(name, data, {
        ...JOB_POLICIES[name],
        ...(sendOptions.db ? { db: sendOptions.db as PgBoss.Db } : {}),
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
      });
    },
    cancel: (name, id) => boss.cancel(name, id),
    async work(name, handler, workOptions = {}) {
      await boss.work(
        name,
        {
          batchSize: workOptions.batchSize ?? 1,
          pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 1,
          includeMetadata: true,
        },
        async (jobs) => {
          for (const job of jobs) {
            const payload = JOB_PAYLOADS[name].parse(job.data) as JobPayload<typeof name>;
            await handler(payload, { id: job.id, retryCount: job.retryCount });
          }
        },
      );
    },
    schedule: (name, cron) => boss.schedule(name, cron, {}),
    async isHealthy() {
      try {
        await boss.getQueue(JOB_NAMES[0]!);
        return true;
      } catch {
        return false;
      }
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000, wait: true }),
  };
}
