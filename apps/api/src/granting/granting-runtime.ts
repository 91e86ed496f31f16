import { loadDiscoveryConfig } from "../discovery/discovery-config.ts";
import { createDiscoveryRuntime, type DiscoveryRuntime } from "../discovery/runtime.ts";
import { withIdentityCenterQuota } from "./granting-config.ts";

/**
 * The process's AWS clients for a process that both discovers and grants: discovery's runtime
 * with SSO Admin paced at Identity Center's quota, one limiter shared by both.
 */
export function createGrantingRuntime(): DiscoveryRuntime {
  return createDiscoveryRuntime(withIdentityCenterQuota(loadDiscoveryConfig()));
}
