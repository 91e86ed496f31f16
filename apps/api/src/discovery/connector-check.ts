import type {
  ConnectorChecker,
  ConnectorCheckResult,
  ConnectorCheckTarget,
} from "../core/connector-check.types.ts";
import type { Db } from "../db/prisma.ts";
import type { AwsIdentity } from "./aws/aws-clients.ts";
import { awsErrorCode, awsErrorMessage, classifyAwsError } from "./aws/aws-errors.ts";
import { type CallerIdentity, getCallerIdentity, roleNameOfArn } from "./aws/role-sessions.ts";
import { sdk } from "./aws/sdk.ts";
import type { DiscoveryRuntime } from "./runtime.ts";

export const SSM_POLICY_NAME = "AmazonSSMManagedInstanceCore";
const SSM_POLICY_ARN = `arn:aws:iam::aws:policy/${SSM_POLICY_NAME}`;
const EC2_TYPE = "aws-account-ec2-instance";

const PROCESS_CREDENTIALS =
  "the AWS credentials of the process running Portcullis (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, or its container or instance role)";

function failed(errorCode: string, message: string, caller?: CallerIdentity): ConnectorCheckResult {
  return {
    // With a caller, the server's credentials worked and the role is what failed.
    failedStep: caller ? "role" : "credentials",
    ok: false,
    accountId: caller?.accountId ?? null,
    callerArn: caller?.arn ?? null,
    message,
    errorCode,
    warnings: [],
  };
}

/** Why the process's own credentials did not work, and what to do about it. */
function baseFailure(error: unknown): ConnectorCheckResult {
  const code = awsErrorCode(error);
  switch (classifyAwsError(error)) {
    case "no-credentials":
      return failed("NoCredentials", `No AWS credentials are configured. Configure ${PROCESS_CREDENTIALS}.`);
    case "credentials":
      return failed(
        code,
        `AWS does not recognise the access key Portcullis uses (${code}). Check ${PROCESS_CREDENTIALS}: the key may be wrong, deleted or deactivated.`,
      );
    case "expired":
      return failed(
        code,
        `The AWS credentials Portcullis uses have expired (${code}). Renew them (for example with "aws sso login") and check again.`,
      );
    case "network":
    case "timeout":
      return failed(
        code,
        `AWS STS could not be reached (${code}: ${awsErrorMessage(error)}). Check that this server can reach AWS (proxy, firewall, DNS), or AWS_ENDPOINT_URL when it is set.`,
      );
    default:
      return failed(code, `sts:GetCallerIdentity failed (${code}): ${awsErrorMessage(error)}`);
  }
}

/** The IAM role behind an identity ARN: the role itself, or the role of an assumed-role session. */
export function roleNameOfCaller(arn: string): string | null {
  const assumed = /^arn:aws[\w-]*:sts::\d{12}:assumed-role\/([^/]+)\//.exec(arn);
  if (assumed) return assumed[1]!;
  return /^arn:aws[\w-]*:iam::\d{12}:role\//.test(arn) ? roleNameOfArn(arn) : null;
}

/** A warning (with its fix) when the role lacks AmazonSSMManagedInstanceCore, which EC2 access needs. */
export async function ssmWarning(
  runtime: DiscoveryRuntime,
  identity: AwsIdentity,
  region: string,
  callerArn: string,
): Promise<string | null> {
  const roleName = roleNameOfCaller(callerArn);
  if (!roleName) {
    return `EC2 access needs the ${SSM_POLICY_NAME} policy on the connector's IAM role, but the connector uses ${callerArn}, which is not a role. Give the connector a role ARN with ${SSM_POLICY_NAME} attached.`;
  }
  try {
    const iam = await runtime.aws.get("iam", identity, region);
    const { paginateListAttachedRolePolicies } = await sdk.iam();
    const pages = paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName });
    for await (const page of pages) {
      if (
        (page.AttachedPolicies ?? []).some(
          (p) => p.PolicyArn === SSM_POLICY_ARN || p.PolicyName === SSM_POLICY_NAME,
        )
      ) {
        return null;
      }
    }
  } catch (error) {
    return `Could not check that the role ${roleName} has ${SSM_POLICY_NAME} attached (${awsErrorCode(error)}). Allow iam:ListAttachedRolePolicies on the role, or make sure the policy is attached: EC2 access needs it.`;
  }
  return `The role ${roleName} does not have the ${SSM_POLICY_NAME} policy attached, which EC2 access needs. Attach ${SSM_POLICY_ARN} to ${roleName}.`;
}

/**
 * The real connector check: sts:GetCallerIdentity with the process's credentials, then
 * sts:AssumeRole of the connector's role (with its external id) and GetCallerIdentity as
 * that role. When an integration on the connector selects EC2, the role must have
 * AmazonSSMManagedInstanceCore attached; a warning with the fix says when it does not.
 * Never throws: every failure is a result with a message for the admin.
 */
export function createAwsConnectorChecker(deps: {
  runtime: DiscoveryRuntime;
  /** Whether an integration on the connector selects EC2 (then the SSM policy is checked). */
  usesEc2?: (connectorId: string) => Promise<boolean>;
  /** Answers `usesEc2` from the integrations table when that is not given. */
  db?: Db;
}): ConnectorChecker {
  const { runtime, db } = deps;
  const usesEc2 =
    deps.usesEc2 ??
    (async (connectorId: string) =>
      db
        ? Boolean(
            await db.integration.findFirst({
              where: { connectorId, connectedResourceTypes: { has: EC2_TYPE } },
              select: { id: true },
            }),
          )
        : false);

  return {
    async check(connector: ConnectorCheckTarget): Promise<ConnectorCheckResult> {
      const base = runtime.aws.baseIdentity(connector.id);
      let caller: CallerIdentity;
      try {
        caller = await getCallerIdentity(runtime.aws, base, connector.region);
      } catch (error) {
        return baseFailure(error);
      }
      let identity = base;
      if (connector.roleArn) {
        runtime.sessions.forget(base, connector.roleArn, connector.externalId);
        try {
          identity = await runtime.sessions.assume(base, connector.roleArn, {
            externalId: connector.externalId,
            region: connector.region,
          });
          caller = await getCallerIdentity(runtime.aws, identity, connector.region);
        } catch (error) {
          const code = awsErrorCode(error);
          if (classifyAwsError(error) === "denied") {
            return failed(
              code,
              `${caller.arn} cannot assume ${connector.roleArn} (${code}). Edit the role's trust policy to allow ${caller.arn} (or its account ${caller.accountId}) to call sts:AssumeRole with the external id ${connector.externalId}.`,
              caller,
            );
          }
          return failed(
            code,
            `Assuming ${connector.roleArn} failed (${code}): ${awsErrorMessage(error)}`,
            caller,
          );
        }
      }
      const warnings: string[] = [];
      if (await usesEc2(connector.id)) {
        const warning = await ssmWarning(runtime, identity, connector.region, caller.arn);
        if (warning) warnings.push(warning);
      }
      const sandbox = connector.isSandbox ? " (the built-in AWS sandbox)" : "";
      const how = connector.roleArn
        ? `Connected to AWS account ${caller.accountId}${sandbox} as ${caller.arn}.`
        : `No role yet: this connector uses the Portcullis server's own credentials, ${caller.arn} in AWS account ${caller.accountId}${sandbox}, with all their permissions. Add a role ARN to narrow it to a read-only role.`;
      return {
        ok: true,
        accountId: caller.accountId,
        callerArn: caller.arn,
        message: how,
        errorCode: null,
        warnings,
      };
    },
  };
}
