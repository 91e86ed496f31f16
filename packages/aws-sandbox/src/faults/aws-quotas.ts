import type { RateLimitFault } from "./types.ts";

// AWS's own request quotas, applied to every call before any injected fault (pass
// `quotas: []` to startSandbox to lift them). Each is a token bucket: `burst` calls at once,
// refilled at `refillPerSecond`.
export const AWS_QUOTAS: readonly RateLimitFault[] = [
  // IAM Identity Center: 20 requests per second per account and region.
  { type: "rate-limit", service: "sso", burst: 20, refillPerSecond: 20, per: "account-region" },
  // CloudTrail LookupEvents: 2 requests per second per account and region.
  {
    type: "rate-limit",
    service: "cloudtrail",
    operation: "LookupEvents",
    burst: 2,
    refillPerSecond: 2,
    per: "account-region",
  },
];
