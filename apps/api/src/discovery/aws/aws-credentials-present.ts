import { join } from "node:path";

/** Reads a file's text, or undefined when it does not exist (injected, so the check is pure). */
export type ReadTextFile = (path: string) => string | undefined;

const CONFIG_FILE_CREDENTIALS =
  /^\s*(aws_access_key_id|role_arn|credential_process|credential_source|web_identity_token_file|sso_session|sso_start_url|sso_account_id|login_session)\s*=/m;

/**
 * Whether the AWS SDK's credentials chain has something to go on, decided from the
 * environment and the shared files only: the instance-metadata address is never probed
 * (the sandbox demo must not wait on it, and tests must not touch it). A process on EC2 or
 * ECS with no variables set looks unconfigured here: set SANDBOX=0 there.
 */
export function hasAwsCredentials(env: NodeJS.ProcessEnv, readFile: ReadTextFile, home: string): boolean {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return true;
  if (env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE) return true;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return true;
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const credentials = readFile(env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials"));
  if (credentials !== undefined && /^\s*aws_access_key_id\s*=/m.test(credentials)) return true;
  const config = readFile(env.AWS_CONFIG_FILE || join(home, ".aws", "config"));
  return config !== undefined && CONFIG_FILE_CREDENTIALS.test(config);
}

export type SandboxDecision = { start: boolean; reason: string };

/**
 * The demo sandbox starts when nothing points Portcullis at AWS (no credentials, no
 * AWS_ENDPOINT_URL); SANDBOX=1 or SANDBOX=0 decides instead.
 */
export function decideSandbox(env: NodeJS.ProcessEnv, readFile: ReadTextFile, home: string): SandboxDecision {
  const forced = env.SANDBOX?.trim().toLowerCase();
  if (forced === "1" || forced === "true") return { start: true, reason: "SANDBOX=1" };
  if (forced === "0" || forced === "false") return { start: false, reason: "SANDBOX=0" };
  if (env.AWS_ENDPOINT_URL) return { start: false, reason: "AWS_ENDPOINT_URL is set" };
  if (hasAwsCredentials(env, readFile, home))
    return { start: false, reason: "AWS credentials are configured" };
  return { start: true, reason: "no AWS credentials and no AWS_ENDPOINT_URL" };
}
