import { z } from "zod";
import { DEFAULT_JOB_TIMING, type JobTiming } from "./job-timing.ts";

/** Every background job: its name and the payload it carries, checked on send and on receipt. */
export const JOB_PAYLOADS = {
  /** One fetch of an integration's resources (first fetch, manual refresh or periodic): plans and fans out. */
  "integration.sync": z.object({ integrationId: z.string().uuid(), runId: z.string().uuid() }),
  /** One unit of a fetch (a member account, a resource type, a region…), any worker may take it. */
  "integration.sync-scope": z.object({ runId: z.string().uuid(), scopeKey: z.string().min(1).max(300) }),
  /** Live check of a connector's AWS credentials. */
  "connector.check": z.object({ connectorId: z.string().min(1) }),
  /** Grants an approved access request's entitlements in AWS (idempotent; retried). */
  "access.grant": z.object({ requestId: z.string().uuid() }),
  /**
   * Takes an access request's grants back: REVOKED (asked for), EXPIRED (its time is up; queued
   * delayed at grant time, and by the sweeper), FAILED (undo the part of a grant that succeeded).
   */
  "access.revoke": z.object({
    requestId: z.string().uuid(),
    ending: z.enum(["REVOKED", "EXPIRED", "FAILED"]),
  }),
  /** Compares a batch of GRANTED grants with AWS and restores what is missing (queued by the tick). */
  "access.reconcile": z.object({}),
  /**
   * Credential rotation's periodic pass (issue #19): due keys rotated when no grant of their user
   * is live, half-done rotations finished, managed users past the cleanup period deleted. Queued by
   * the maintenance tick at most every CREDENTIALS_ROTATE_SECONDS.
   */
  "credentials.rotate": z.object({}),
  /** Periodic housekeeping: due resyncs, runs whose worker died, connector re-checks. */
  "maintenance.tick": z.object({}),
  /** Periodic CloudTrail read of granted sessions' activity (integrations with Enable Audit on). */
  "activity.ingest": z.object({}),
} as const;

export type JobName = keyof typeof JOB_PAYLOADS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_PAYLOADS)[N]>;

/** Delivery rules: retries, and how long a worker may hold a job before it is given to another. */
export type JobPolicy = {
  retryLimit: number;
  expireInSeconds: number;
  retryBackoff?: boolean;
  retryDelay?: number;
};

export function jobPolicies(timing: JobTiming = DEFAULT_JOB_TIMING): Record<JobName, JobPolicy> {
  return {
    "integration.sync": {
      retryLimit: timing.syncRetries,
      expireInSeconds: timing.syncJobTimeoutSeconds,
      retryBackoff: true,
      retryDelay: 1,
    },
    "integration.sync-scope": {
      retryLimit: timing.scopeRetries,
      expireInSeconds: timing.scopeJobTimeoutSeconds,
      retryBackoff: true,
      retryDelay: 1,
    },
    "connector.check": { retryLimit: 1, expireInSeconds: 120 },
    "access.grant": { retryLimit: 5, expireInSeconds: 600, retryBackoff: true, retryDelay: 2 },
    "access.revoke": { retryLimit: 8, expireInSeconds: 600, retryBackoff: true, retryDelay: 2 },
    "access.reconcile": { retryLimit: 0, expireInSeconds: 600 },
    "credentials.rotate": { retryLimit: 0, expireInSeconds: 900 },
    "maintenance.tick": { retryLimit: 0, expireInSeconds: 120 },
    // Not retried: the next minute's pass resumes from the cursors.
    "activity.ingest": { retryLimit: 0, expireInSeconds: 600 },
  };
}

export const JOB_NAMES = Object.keys(JOB_PAYLOADS) as JobName[];
