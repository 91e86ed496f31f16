import type { ServiceName } from "../services/service-name.ts";
import { ApiError } from "./api-error.ts";

// The error codes each service really answers with for the cross-cutting failures, so the
// SDK surfaces the same error names as against AWS (and classifies throttles for retry).
export type ErrorKind = "invalidToken" | "expired" | "accessDenied" | "throttle" | "internal" | "validation";

type Entry = readonly [code: string, status: number, message: string];

const QUERY: Record<ErrorKind, Entry> = {
  invalidToken: ["InvalidClientTokenId", 403, "The security token included in the request is invalid."],
  expired: ["ExpiredToken", 400, "The security token included in the request is expired"],
  accessDenied: ["AccessDenied", 403, "Access denied"],
  throttle: ["Throttling", 400, "Rate exceeded"],
  internal: ["InternalFailure", 500, "We encountered an internal error. Please try again."],
  validation: ["ValidationError", 400, "Invalid input"],
};

const JSON_COMMON: Record<ErrorKind, Entry> = {
  invalidToken: [
    "UnrecognizedClientException",
    400,
    "The security token included in the request is invalid.",
  ],
  expired: ["ExpiredTokenException", 400, "The security token included in the request is expired"],
  accessDenied: ["AccessDeniedException", 400, "You don't have permissions to access this resource."],
  throttle: ["ThrottlingException", 400, "Rate exceeded"],
  internal: ["InternalServerException", 500, "An internal error occurred. Try again."],
  validation: ["ValidationException", 400, "Invalid input"],
};

const TABLE: Record<ServiceName, Record<ErrorKind, Entry>> = {
  sts: QUERY,
  iam: { ...QUERY, validation: ["InvalidInput", 400, "Invalid input"] },
  rds: { ...QUERY, validation: ["InvalidParameterValue", 400, "Invalid parameter value"] },
  ec2: {
    invalidToken: ["AuthFailure", 401, "AWS was not able to validate the provided access credentials"],
    expired: ["RequestExpired", 400, "Request has expired."],
    accessDenied: ["UnauthorizedOperation", 403, "You are not authorized to perform this operation."],
    throttle: ["RequestLimitExceeded", 503, "Request limit exceeded."],
    internal: ["InternalError", 500, "An internal error has occurred"],
    validation: ["InvalidParameterValue", 400, "Invalid parameter value"],
  },
  s3: {
    invalidToken: [
      "InvalidAccessKeyId",
      403,
      "The AWS Access Key Id you provided does not exist in our records.",
    ],
    expired: ["ExpiredToken", 400, "The provided token has expired."],
    accessDenied: ["AccessDenied", 403, "Access Denied"],
    throttle: ["SlowDown", 503, "Please reduce your request rate."],
    internal: ["InternalError", 500, "We encountered an internal error. Please try again."],
    validation: ["InvalidArgument", 400, "Invalid Argument"],
  },
  organizations: {
    ...JSON_COMMON,
    throttle: [
      "TooManyRequestsException",
      400,
      "You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.",
    ],
    internal: [
      "ServiceException",
      500,
      "AWS Organizations can't complete your request because of an internal service error. Try again later.",
    ],
    validation: [
      "InvalidInputException",
      400,
      "You provided invalid values for one or more of the request parameters.",
    ],
  },
  sso: JSON_COMMON,
  identitystore: JSON_COMMON,
  cloudtrail: JSON_COMMON,
};

export function errorCode(service: ServiceName, kind: ErrorKind): string {
  return TABLE[service][kind][0];
}

export function serviceError(service: ServiceName, kind: ErrorKind, message?: string): ApiError {
  const [code, status, defaultMessage] = TABLE[service][kind];
  return new ApiError(code, message ?? defaultMessage, status);
}

const THROTTLE_CODES = new Set(Object.values(TABLE).map((entry) => entry.throttle[0]));

export const isThrottleCode = (code: string | undefined): boolean =>
  code !== undefined && THROTTLE_CODES.has(code);
