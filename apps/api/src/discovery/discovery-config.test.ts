import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS, loadDiscoveryConfig, parseRateLimits } from "./discovery-config.ts";

describe("discovery configuration", () => {
  it("defaults to AWS's published quotas", () => {
    const config = loadDiscoveryConfig({});
    expect(config.limits.organizations).toEqual({ rate: 5, burst: 10, concurrency: 1 });
    expect(config.limits.sts).toEqual({ rate: 50, burst: 100, concurrency: 32 });
    expect(config.limits.iam).toMatchObject({ rate: 10, burst: 20 });
  });

  it("reads overrides from DISCOVERY_RATE_LIMITS and the other variables", () => {
    const config = loadDiscoveryConfig({
      DISCOVERY_RATE_LIMITS: "organizations=2/4, iam=5.5/10/3",
      DISCOVERY_REQUEST_TIMEOUT_MS: "1000",
      DISCOVERY_BATCH_SIZE: "50",
    });
    expect(config.limits.organizations).toEqual({ rate: 2, burst: 4, concurrency: 1 });
    expect(config.limits.iam).toEqual({ rate: 5.5, burst: 10, concurrency: 3 });
    expect(config.limits.s3).toEqual(DEFAULT_RATE_LIMITS.s3);
    expect(config).toMatchObject({ requestTimeoutMs: 1000, batchSize: 50 });
  });

  it("refuses what it cannot read", () => {
    expect(() => parseRateLimits("lambda=1/1")).toThrow(/service one of/);
    expect(() => parseRateLimits("iam=fast")).toThrow(/cannot read/);
    expect(() => loadDiscoveryConfig({ DISCOVERY_MAX_ATTEMPTS: "0" })).toThrow(/DISCOVERY_MAX_ATTEMPTS/);
  });
});
