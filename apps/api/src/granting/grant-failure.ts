import {
  awsErrorCode,
  awsErrorMessage,
  classifyAwsError,
  isRetryableAwsError,
} from "../discovery/aws/aws-errors.ts";
import { GrantContextError } from "./grant-context.ts";
import { GrantSetupError } from "./grant-identities.ts";
import { UnsafeTargetError } from "./iam-policies.ts";
import type { GrantFailure } from "./types.ts";

/** A failure with its words already chosen (a FAILED assignment, a missing Identity Center user). */
export class GrantRefused extends Error {
  constructor(readonly failure: GrantFailure) {
    super(failure.reason);
  }
}

export function refused(reason: string, fix: string, retryable = false): GrantRefused {
  return new GrantRefused({ status: "failed", reason, fix, retryable });
}

/** What AWS (or a check before it) said, as a failed outcome: the reason, the fix, and whether a retry may help. */
export function grantFailure(error: unknown, doing: string, actions: string[]): GrantFailure {
  if (error instanceof GrantRefused) return error.failure;
  if (error instanceof GrantSetupError || error instanceof GrantContextError) {
    return { status: "failed", reason: error.message, fix: error.fix, retryable: false };
  }
  if (error instanceof UnsafeTargetError) {
    return {
      status: "failed",
      reason: `${error.message} Portcullis grants only what names one resource exactly.`,
      fix: "Fetch the integration again so the resource is read from AWS, then request it again.",
      retryable: false,
    };
  }
  const code = awsErrorCode(error);
  const reason = `${doing} failed: ${awsErrorMessage(error)} (${code})`;
  const retryable = isRetryableAwsError(error);
  switch (classifyAwsError(error)) {
    case "denied":
      return {
        status: "failed",
        reason,
        fix: `Allow ${actions.join(", ")} to the role Portcullis uses for this integration (its connector, management or member role), then retry.`,
        retryable: false,
      };
    case "not-found":
      return {
        status: "failed",
        reason,
        fix: "The resource is gone from AWS or was renamed: fetch the integration again and request what exists.",
        retryable: false,
      };
    case "throttled":
      return {
        status: "failed",
        reason,
        fix: "AWS is throttling this account's calls; the grant is retried. If it keeps failing, lower the other traffic on the quota.",
        retryable: true,
      };
    case "credentials":
    case "no-credentials":
      return {
        status: "failed",
        reason,
        fix: "Check the connector's credentials (Settings → Connectors), then retry.",
        retryable: false,
      };
    default:
      return {
        status: "failed",
        reason,
        fix: retryable
          ? "Portcullis retries; nothing to do unless it keeps failing."
          : "Check the integration's settings and the resource in AWS, then retry.",
        retryable,
      };
  }
}
