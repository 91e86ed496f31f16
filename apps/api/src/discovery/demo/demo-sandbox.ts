import { readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { DEMO_SCENARIO_PATH, loadScenario, type Scenario, startSandbox } from "@portcullis/aws-sandbox";
import type { Logger } from "../../lib/logger.ts";
import { decideSandbox } from "../aws/aws-credentials-present.ts";

export const SANDBOX_CONNECTOR = {
  id: "aws-sandbox",
  name: "AWS sandbox (demo)",
  region: "us-east-1",
} as const;

/** What a newcomer types into the wizards to reach the demo organization. */
export type DemoSandbox = {
  url: string;
  connectorRoleArn: string;
  managementRoleArn: string;
  ssoRegion: string;
  ssoPortal: string;
  close(): Promise<void>;
};

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Every SDK client this process makes from now on talks to the sandbox at `url`, as the
 * given credential (as an operator would point the AWS CLI at LocalStack).
 */
export function pointSdkAtSandbox(
  env: NodeJS.ProcessEnv,
  url: string,
  credential: { accessKeyId: string; secretAccessKey: string },
): void {
  for (const key of Object.keys(env)) if (key.startsWith("AWS_ENDPOINT_URL_")) delete env[key];
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  Object.assign(env, {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: credential.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credential.secretAccessKey,
    AWS_REGION: SANDBOX_CONNECTOR.region,
    AWS_EC2_METADATA_DISABLED: "true",
  });
}

const MARKER = "aws-sandbox.json";

/**
 * Tells `pnpm worker` processes of the same DATA_DIR where the sandbox is, so they join it
 * rather than call real AWS without credentials. Returns the step that removes the note.
 */
export async function advertiseDemoSandbox(demo: DemoSandbox, dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, MARKER);
  await writeFile(path, JSON.stringify({ url: demo.url, pid: process.pid }));
  return () => rm(path, { force: true });
}

/**
 * For a worker-only process with no AWS credentials: joins the sandbox of the `pnpm start`
 * running in this DATA_DIR, if there is one. Returns whether it did.
 */
export async function joinDemoSandbox(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  logger: Logger,
): Promise<boolean> {
  if (!decideSandbox(env, readText, homedir()).start) return false;
  const note = await readFile(join(dataDir, MARKER), "utf8").catch(() => undefined);
  const { url, pid } = (note ? JSON.parse(note) : {}) as { url?: string; pid?: number };
  if (!url || !pid || !isAlive(pid)) {
    logger.warn(
      "No AWS credentials are configured and no AWS sandbox runs in this DATA_DIR: AWS calls will fail.",
    );
    return false;
  }
  pointSdkAtSandbox(env, url, loadScenario(DEMO_SCENARIO_PATH).credentials[0]!);
  logger.info(`Joined the AWS sandbox of process ${pid} at ${url}`);
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function roleArn(scenario: Scenario, accountId: string, name: string): string {
  const role = scenario.accounts[accountId]?.roles?.find((candidate) => candidate.name === name);
  const path = role?.path ?? "/";
  return `arn:aws:iam::${accountId}:role${path}${name}`;
}

/**
 * Starts the AWS sandbox with the demo scenario on a free loopback port when nothing points
 * Portcullis at AWS (see decideSandbox), and points this process's AWS SDK at it. Must run
 * before any AWS client is made. Returns null when real AWS (or another endpoint) is used.
 */
export async function startDemoSandbox(env: NodeJS.ProcessEnv, logger: Logger): Promise<DemoSandbox | null> {
  const decision = decideSandbox(env, readText, homedir());
  if (!decision.start) {
    logger.debug(`AWS sandbox off: ${decision.reason}`);
    return null;
  }
  const scenario = loadScenario(DEMO_SCENARIO_PATH);
  const sandbox = await startSandbox({ scenario, port: 0, host: "127.0.0.1" });
  const credential = scenario.credentials[0]!;
  pointSdkAtSandbox(env, sandbox.url, credential);
  logger.info(`AWS sandbox (demo scenario) on ${sandbox.url}: ${decision.reason}`);
  const management = scenario.organization?.managementAccountId ?? credential.accountId;
  const identityCenter = scenario.identityCenter;
  return {
    url: sandbox.url,
    connectorRoleArn: roleArn(scenario, management, "PortcullisConnectorRole"),
    managementRoleArn: roleArn(scenario, management, "PortcullisManagementRole"),
    ssoRegion: identityCenter?.region ?? SANDBOX_CONNECTOR.region,
    ssoPortal: `https://${identityCenter?.identityStoreId ?? "d-0000000000"}.awsapps.com/start`,
    close: () => sandbox.close(),
  };
}
