import { awsErrorCode, awsErrorMessage, classifyAwsError, isRetryableAwsError } from "../aws/aws-errors.ts";

/** A failure written for the admin: what failed, the AWS code, and what to change. */
export type Failure = {
  code: string;
  message: string;
  fix: string;
  /** Whether another attempt could succeed (throttles, network) or a person must act. */
  retryable: boolean;
  /** The resource type being read when it failed, when one was. */
  resourceType?: string | null;
};

/** An error that already knows how to explain itself. */
export class DiscoveryError extends Error {
  readonly failure: Failure;

  constructor(failure: Failure, options?: { cause?: unknown }) {
    super(failure.message, options);
    this.name = "DiscoveryError";
    this.failure = failure;
  }
}

/** Where a failure happened, for the message and the fix. */
export type FailureContext = {
  accountId?: string | null;
  region?: string | null;
  resourceType?: string | null;
  /** What was being done, e.g. "listing IAM roles". */
  doing: string;
  /** The identity making the calls, e.g. the assumed role's ARN. */
  caller?: string | null;
  /** IAM actions the caller needs for this step. */
  actions?: readonly string[];
};

const PROCESS_CREDENTIALS =
  "the AWS credentials of the process running Portcullis (environment variables, ~/.aws profiles, or its container or instance role)";

/** Explains any error thrown while discovering, in the words of `context`. */
export function describeFailure(error: unknown, context: FailureContext): Failure {
  if (error instanceof DiscoveryError) {
    return { ...error.failure, resourceType: error.failure.resourceType ?? context.resourceType ?? null };
  }
  const code = awsErrorCode(error);
  const where = context.accountId ? ` in account ${context.accountId}` : "";
  const region = context.region ? ` (${context.region})` : "";
  const aws = awsErrorMessage(error);
  const base = { code, retryable: isRetryableAwsError(error), resourceType: context.resourceType ?? null };
  switch (classifyAwsError(error)) {
    case "denied": {
      const who = context.caller ?? "the role Portcullis uses";
      const actions = context.actions?.length
        ? context.actions.join(", ")
        : "the read-only permissions of this step";
      return {
        ...base,
        message: `Access denied while ${context.doing}${where}${region}: ${aws}`,
        fix: `Allow ${actions} for ${who}.`,
      };
    }
    case "credentials":
      return {
        ...base,
        message: `AWS did not accept the credentials while ${context.doing} (${code}).`,
        fix: `Check ${PROCESS_CREDENTIALS}: the access key is unknown to AWS or was deactivated.`,
      };
    case "no-credentials":
      return {
        ...base,
        code: "NoCredentials",
        message: `No AWS credentials were found while ${context.doing}.`,
        fix: `Configure ${PROCESS_CREDENTIALS}.`,
      };
    case "expired":
      return {
        ...base,
        message: `The AWS credentials expired while ${context.doing} (${code}).`,
        fix: `Renew ${PROCESS_CREDENTIALS} (for example with "aws sso login"); sessions Portcullis assumes are renewed on their own.`,
      };
    case "throttled":
      return {
        ...base,
        message: `AWS kept throttling the calls while ${context.doing}${where}${region}, after every retry (${code}).`,
        fix: "Fetch again later, or lower the client-side limits (DISCOVERY_RATE_LIMITS) if other tools share this AWS quota.",
      };
    case "timeout":
    case "network":
      return {
        ...base,
        message: `AWS could not be reached while ${context.doing}${where}${region}: ${aws}`,
        fix: "Check that this server can reach the AWS endpoints (proxy, firewall, DNS), or AWS_ENDPOINT_URL when it is set.",
      };
    case "server":
      return {
        ...base,
        message: `AWS answered with an internal error while ${context.doing}${where}${region}: ${aws}`,
        fix: "Fetch again later; if it persists, check the AWS Health Dashboard for this service and region.",
      };
    case "unexpected":
      return {
        ...base,
        message: `Unexpected error while ${context.doing}${where}${region}: ${aws}`,
        fix: "Fetch again; if it persists, the worker logs have the details.",
      };
    default:
      return {
        ...base,
        message: `AWS refused the request while ${context.doing}${where}${region}: ${aws}`,
        fix: "Check the integration settings (regions, role names) and the permissions of the role Portcullis uses.",
      };
  }
}
