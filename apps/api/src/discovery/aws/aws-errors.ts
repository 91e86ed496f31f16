// How AWS failures are told apart: what retrying can fix, and what needs a person.

type AwsLikeError = {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
  cause?: unknown;
};

const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "BandwidthLimitExceeded",
  "ConcurrentModificationException",
]);

const CREDENTIAL_CODES = new Set([
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "MissingAuthenticationTokenException",
  "AuthFailure",
]);

const EXPIRED_CODES = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "RequestExpired",
  "TokenRefreshRequired",
]);

const DENIED_CODES = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "AllAccessDisabled",
  "AuthorizationError",
]);

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
]);

export type AwsErrorKind =
  | "throttled"
  | "credentials"
  | "no-credentials"
  | "expired"
  | "denied"
  | "not-found"
  | "network"
  | "timeout"
  | "aborted"
  | "server"
  | "client"
  /** Not from AWS at all (the database, a bug): worth another attempt, and the logs. */
  | "unexpected";

/** The AWS error code (`AccessDenied`, `Throttling`, …), or a stable name for local failures. */
export function awsErrorCode(error: unknown): string {
  const e = (error ?? {}) as AwsLikeError;
  const cause = (e.cause ?? {}) as { code?: string };
  if (e.name === "CredentialsProviderError") return "NoCredentials";
  if (e.name === "TimeoutError") return "Timeout";
  if (e.name === "AbortError") return "Aborted";
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return e.code;
  if (typeof cause.code === "string" && NETWORK_CODES.has(cause.code)) return cause.code;
  return e.Code ?? (typeof e.name === "string" && e.name !== "Error" ? e.name : (e.code ?? "Error"));
}

export function classifyAwsError(error: unknown): AwsErrorKind {
  const e = (error ?? {}) as AwsLikeError;
  const code = awsErrorCode(error);
  if (code === "Aborted") return "aborted";
  if (code === "NoCredentials") return "no-credentials";
  if (code === "Timeout" || code === "ETIMEDOUT" || code === "RequestTimeout") return "timeout";
  if (NETWORK_CODES.has(code)) return "network";
  if (e.$retryable?.throttling || THROTTLING_CODES.has(code)) return "throttled";
  if (CREDENTIAL_CODES.has(code)) return "credentials";
  if (EXPIRED_CODES.has(code)) return "expired";
  if (DENIED_CODES.has(code) || e.$metadata?.httpStatusCode === 403) return "denied";
  if (code.startsWith("NoSuch") || code.endsWith("NotFoundException") || code === "NotFound") {
    return "not-found";
  }
  if (e.$fault === "server" || (e.$metadata?.httpStatusCode ?? 0) >= 500) return "server";
  if (!e.$metadata && e.$fault === undefined) return "unexpected";
  return "client";
}

/** Failures another attempt might get past: throttles, timeouts, network and server errors. */
export function isRetryableAwsError(error: unknown): boolean {
  const kind = classifyAwsError(error);
  return (
    kind === "throttled" ||
    kind === "timeout" ||
    kind === "network" ||
    kind === "server" ||
    kind === "expired" ||
    kind === "aborted" ||
    kind === "unexpected"
  );
}

export function isThrottlingError(error: unknown): boolean {
  return classifyAwsError(error) === "throttled";
}

/** The message AWS sent, trimmed to something a status line can hold. */
export function awsErrorMessage(error: unknown): string {
  const message = (error as AwsLikeError | undefined)?.message ?? String(error);
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}
