import { z } from "zod";

/** Every background job: its name and the payload it carries, checked on send and on receipt. */
export const JOB_PAYLOADS = {
  /** One fetch of an integration's resources (first fetch, manual refresh or periodic). */
  "integration.sync": z.object({ integrationId: z.string().uuid(), runId: z.string().uuid() }),
  /** Live check of a connector's AWS credentials. */
  "connector.check": z.object({ connectorId: z.string().min(1) }),
  /** Periodic housekeeping: due resyncs, runs whose worker died, connector re-checks. */
  "maintenance.tick": z.object({}),
} as const;

export type JobName = keyof typeof JOB_PAYLOADS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_PAYLOADS)[N]>;

/** Per-job delivery rules: how long a worker may hold a job before it is retried elsewhere. */
export const JOB_POLICIES: Record<
  JobName,
  { retryLimit: number; expireInSeconds: number; retryBackoff?: boolean }
> = {
  "integration.sync": { retryLimit: 3, expireInSeconds: 15 * 60, retryBackoff: true },
  "connector.check": { retryLimit: 1, expireInSeconds: 120 },
  "maintenance.tick": { retryLimit: 0, expireInSeconds: 120 },
};

export const JOB_NAMES = Object.keys(JOB_PAYLOADS) as JobName[];
