import { type Sandbox, type SandboxOptions, startSandbox } from "@portcullis/aws-sandbox";
import { AwsClients } from "../../discovery/aws/aws-clients.ts";
import { RoleSessions } from "../../discovery/aws/role-sessions.ts";
import { DEFAULT_DISCOVERY_CONFIG, type DiscoveryConfig } from "../../discovery/discovery-config.ts";
import { AwsAccessGranter, type AwsAccessGranterOptions } from "../aws-access-granter.ts";
import { GrantIdentities, type GrantingAws } from "../grant-identities.ts";
import { withIdentityCenterQuota } from "../granting-config.ts";
import type { GrantContext, GrantSubject } from "../types.ts";
import {
  BASE_KEY,
  CONNECTOR_ROLE,
  EXTERNAL_ID,
  grantingScenario,
  MANAGEMENT_ROLE,
  REGION,
  userName,
} from "./granting-scenario.ts";

/** Identity Center at AWS's 20 requests/s, so a test that goes over it sees the sandbox throttle. */
export function grantingConfig(): DiscoveryConfig {
  return withIdentityCenterQuota({ ...DEFAULT_DISCOVERY_CONFIG, requestTimeoutMs: 10_000 });
}

export type GrantingHarness = {
  sandbox: Sandbox;
  aws: AwsClients;
  granter: AwsAccessGranter;
  /** The roles the granter acts as, for a test's own calls (an operation started elsewhere, a policy tampered with). */
  identities: GrantIdentities;
  /** The clients and role sessions the granter uses (for other granting-layer classes under test). */
  runtime: GrantingAws;
  close(): Promise<void>;
};

/** Sets the SDK's endpoint variables (as an operator would for LocalStack); returns the undo. */
export function pointSdkAt(url: string): () => void {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) {
    if (key.startsWith("AWS_") && !key.startsWith("AWS_SDK_")) delete process.env[key];
  }
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: url,
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: "true",
  });
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

export async function startGrantingHarness(
  options: { sandbox?: Partial<SandboxOptions>; granter?: AwsAccessGranterOptions } = {},
): Promise<GrantingHarness> {
  const sandbox = await startSandbox({ scenario: grantingScenario(), ...options.sandbox });
  const restore = pointSdkAt(sandbox.url);
  const aws = new AwsClients(grantingConfig(), { baseCredentials: async () => BASE_KEY });
  const runtime = { aws, sessions: new RoleSessions(aws) };
  const granter = new AwsAccessGranter(runtime, {
    // The sandbox settles an operation on its second poll: polling at once keeps tests quick.
    identityCenter: { firstPollMs: 0, pollIntervalMs: 0, conflictBackoffMs: 100 },
    ...options.granter,
  });
  return {
    sandbox,
    aws,
    granter,
    identities: new GrantIdentities(runtime),
    runtime,
    close: async () => {
      aws.destroy();
      restore();
      await sandbox.close();
    },
  };
}

export const organizationContext = (): Extract<GrantContext, { kind: "aws-organization" }> => ({
  integrationId: "00000000-0000-4000-8000-000000000001",
  kind: "aws-organization",
  connector: { id: "granting-connector", roleArn: CONNECTOR_ROLE, externalId: EXTERNAL_ID, region: REGION },
  region: REGION,
  ssoRegion: REGION,
  managementRoleArn: MANAGEMENT_ROLE,
  memberRoleName: "OrganizationAccountAccessRole",
});

export const person = (i: number): GrantSubject => ({
  personId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  email: userName(i),
  userName: userName(i),
});
