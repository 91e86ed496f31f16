import type { DiscoveryConfig, RateLimit } from "../discovery/discovery-config.ts";

/**
 * Identity Center's request quota is 20/s per account and region (a token bucket). The client
 * paces at that rate but keeps its burst to half the bucket: calls released together by a busy
 * event loop, or delayed unevenly on the way, then still land inside AWS's bucket (a test on a
 * loaded machine saw the full burst overrun it once).
 */
export const IDENTITY_CENTER_RATE_LIMIT: RateLimit = { rate: 20, burst: 10, concurrency: 10 };

/**
 * The AWS clients' settings for a process that grants: discovery's, with SSO Admin paced at
 * Identity Center's quota (discovery's own default is more cautious, as its reads are not urgent).
 * The limiters are shared by every call of an AwsClients, so discovery and granting in one
 * process share the quota as AWS counts it.
 */
export function withIdentityCenterQuota(config: DiscoveryConfig): DiscoveryConfig {
  return { ...config, limits: { ...config.limits, sso: IDENTITY_CENTER_RATE_LIMIT } };
}
