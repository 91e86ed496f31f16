import { AwsClients, type CredentialsProvider } from "./aws/aws-clients.ts";
import { RoleSessions } from "./aws/role-sessions.ts";
import { type DiscoveryConfig, loadDiscoveryConfig } from "./discovery-config.ts";

/** One per process: the AWS clients, their limiters and the cached role sessions. */
export type DiscoveryRuntime = {
  config: DiscoveryConfig;
  aws: AwsClients;
  sessions: RoleSessions;
  /** Forgets every client and session (credentials changed, or the endpoint was restarted). */
  reset(): void;
  /** Closes the shared sockets. */
  close(): void;
};

export function createDiscoveryRuntime(
  config: DiscoveryConfig = loadDiscoveryConfig(),
  options: { baseCredentials?: CredentialsProvider } = {},
): DiscoveryRuntime {
  const aws = new AwsClients(config, options);
  const sessions = new RoleSessions(aws);
  return {
    config,
    aws,
    sessions,
    reset: () => {
      aws.clear();
      sessions.clear();
    },
    close: () => aws.destroy(),
  };
}
