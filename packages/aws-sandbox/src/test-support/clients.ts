import type { Sandbox } from "../server/start-sandbox.ts";
import "./quiet-sdk.ts";
import { BASE_KEY } from "./test-scenario.ts";

export type StaticCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export type ClientOptions = {
  region?: string;
  credentials?: StaticCredentials;
  maxAttempts?: number;
};

// The settings every test client shares: endpoint, region, static credentials.
export function clientConfig(sandbox: Sandbox, options: ClientOptions = {}) {
  return {
    endpoint: sandbox.url,
    region: options.region ?? "us-east-1",
    credentials: options.credentials ?? BASE_KEY,
    maxAttempts: options.maxAttempts,
  };
}

// Temporary credentials as the SDK returns them from AssumeRole.
export function sessionCredentials(
  credentials:
    | {
        AccessKeyId?: string;
        SecretAccessKey?: string;
        SessionToken?: string;
      }
    | undefined,
): StaticCredentials {
  return {
    accessKeyId: credentials?.AccessKeyId ?? "",
    secretAccessKey: credentials?.SecretAccessKey ?? "",
    sessionToken: credentials?.SessionToken,
  };
}
