import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DescribePermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListPermissionSetsCommand,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

// The test's own view of the app's AWS sandbox: what a person does with the access they were
// given (sign an STS call with the key shown in My access), and what an auditor would look at
// (Identity Center's account assignments, read with the scenario's management key).

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCENARIO = join(ROOT, "packages/aws-sandbox/scenarios/demo.json");

type Scenario = {
  credentials: Array<{ accessKeyId: string; secretAccessKey: string }>;
  identityCenter: { instanceArn: string; users: Array<{ id: string; userName: string }> };
};

function scenario(): Scenario {
  return JSON.parse(readFileSync(SCENARIO, "utf8")) as Scenario;
}

/** The URL of the sandbox the e2e app started (it writes it into its DATA_DIR). */
export function sandboxUrl(): string {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run through `pnpm test:e2e`.");
  return (JSON.parse(readFileSync(join(dataDir, "aws-sandbox.json"), "utf8")) as { url: string }).url;
}

export type AccessKey = { accessKeyId: string; secretAccessKey: string };

/** The access key in an "AWS CLI profile" block, as a person would paste it into ~/.aws/credentials. */
export function keyFromCli(cli: string): AccessKey {
  const id = /aws_access_key_id = (\S+)/.exec(cli)?.[1];
  const secret = /aws_secret_access_key = (\S+)/.exec(cli)?.[1];
  if (!id || !secret || secret.startsWith("<")) throw new Error(`No access key in the profile:\n${cli}`);
  return { accessKeyId: id, secretAccessKey: secret };
}

/**
 * Assumes `roleArn` with `key` against the sandbox: "ok", or the error's name (AccessDenied when
 * the key's user may not, InvalidClientTokenId when the key is no longer valid).
 */
export async function assumeRoleWith(key: AccessKey, roleArn: string): Promise<string> {
  const sts = new STSClient({
    endpoint: sandboxUrl(),
    region: "us-east-1",
    credentials: key,
    maxAttempts: 1,
  });
  try {
    await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "e2e" }));
    return "ok";
  } catch (error) {
    return (error as Error).name;
  } finally {
    sts.destroy();
  }
}

/** The Identity Center user id of a scenario user. */
export function identityCenterUserId(userName: string): string {
  const user = scenario().identityCenter.users.find((u) => u.userName === userName);
  if (!user) throw new Error(`No Identity Center user ${userName} in the demo scenario`);
  return user.id;
}

function ssoAdmin(): SSOAdminClient {
  const [management] = scenario().credentials;
  return new SSOAdminClient({
    endpoint: sandboxUrl(),
    region: "us-east-1",
    credentials: management!,
    maxAttempts: 1,
  });
}

/** The user ids assigned the permission set (by name) in the account, in Identity Center now. */
export async function assignedUsers(accountId: string, permissionSetName: string): Promise<string[]> {
  const client = ssoAdmin();
  try {
    const { instanceArn } = scenario().identityCenter;
    const sets = await client.send(new ListPermissionSetsCommand({ InstanceArn: instanceArn }));
    for (const arn of sets.PermissionSets ?? []) {
      const described = await client.send(
        new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }),
      );
      if (described.PermissionSet?.Name !== permissionSetName) continue;
      const assignments = await client.send(
        new ListAccountAssignmentsCommand({
          InstanceArn: instanceArn,
          AccountId: accountId,
          PermissionSetArn: arn,
        }),
      );
      return (assignments.AccountAssignments ?? [])
        .filter((a) => a.PrincipalType === "USER")
        .map((a) => a.PrincipalId ?? "");
    }
    throw new Error(`No permission set ${permissionSetName} in the sandbox`);
  } finally {
    client.destroy();
  }
}
