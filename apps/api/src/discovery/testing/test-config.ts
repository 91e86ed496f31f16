import { DEFAULT_JOB_TIMING, type JobTiming } from "../../jobs/job-timing.ts";
import { DEFAULT_DISCOVERY_CONFIG, type DiscoveryConfig, type PageSizes } from "../discovery-config.ts";

/** Pages smaller than every listing of the test scenario, so each one takes several calls. */
export const TEST_PAGE_SIZES: PageSizes = { iam: 2, organizations: 2, ec2: 5, rds: 20, s3: 2, sso: 2 };

/** Fast timings for tests; the limits stay AWS's, except Organizations, raised to keep tests short. */
export const TEST_TIMING: JobTiming = {
  ...DEFAULT_JOB_TIMING,
  scopeJobTimeoutSeconds: 30,
  syncJobTimeoutSeconds: 30,
  pollIntervalMs: 100,
  queueMaintenanceSeconds: 1,
  workerConcurrency: 8,
};

export function testDiscoveryConfig(overrides: Partial<DiscoveryConfig> = {}): DiscoveryConfig {
  return {
    ...DEFAULT_DISCOVERY_CONFIG,
    pageSizes: TEST_PAGE_SIZES,
    requestTimeoutMs: 5_000,
    connectTimeoutMs: 2_000,
    batchSize: 4,
    limits: {
      ...DEFAULT_DISCOVERY_CONFIG.limits,
      organizations: { rate: 200, burst: 50, concurrency: 1 },
    },
    ...overrides,
  };
}
