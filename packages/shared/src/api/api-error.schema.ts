import { z } from "zod";

/**
 * The stable codes of error answers: scripts branch on `code`, never on `message` (which is a
 * sentence for a person and may be reworded). Each code has one HTTP status. New codes may be
 * added; existing ones keep their meaning.
 */
export const API_ERROR_CODES = {
  // Any route
  VALIDATION_FAILED: {
    status: 400,
    description: "The path, query or body is invalid; `issues` lists each field and the reason.",
  },
  INVALID_PAGE_TOKEN: {
    status: 400,
    description: "`page_token` is not one this API handed out: start again without it.",
  },
  BAD_REQUEST: { status: 400, description: "The request cannot be read (e.g. malformed JSON)." },
  UNAUTHENTICATED: {
    status: 401,
    description: "No valid session cookie or API token: sign in, or send `Authorization: Bearer <token>`.",
  },
  LOGIN_FAILED: { status: 401, description: "Sign-in refused: wrong email or password." },
  INVALID_API_TOKEN: {
    status: 401,
    description: "The bearer token is malformed, unknown, revoked or expired.",
  },
  FORBIDDEN: { status: 403, description: "Signed in, but this route needs another role (e.g. admin)." },
  CSRF_FAILED: {
    status: 403,
    description: "A cookie-authenticated write without the session's `x-csrf-token`.",
  },
  NOT_FOUND: {
    status: 404,
    description: "No such object (or route); the message names what was looked for.",
  },
  METHOD_NOT_ALLOWED: { status: 405, description: "The route exists but not with this method." },
  PAYLOAD_TOO_LARGE: { status: 413, description: "The body is larger than the API accepts." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: "The body is not `application/json`." },
  RATE_LIMITED: {
    status: 429,
    description: "Too many requests (e.g. sign-in attempts): wait for `retry-after` seconds.",
  },
  INTERNAL_ERROR: {
    status: 500,
    description: "Something failed on the server; the request id is in its log.",
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    description: "A dependency (database, job queue) is not available right now.",
  },
  // Integrations
  INTEGRATION_NAME_TAKEN: { status: 409, description: "Another integration has this name." },
  INTEGRATION_TYPE_IMMUTABLE: {
    status: 400,
    description: "An update tried to change the integration's `type`.",
  },
  INTEGRATION_DISABLED: {
    status: 409,
    description: "The integration is disabled: enable it before fetching it.",
  },
  INTEGRATION_HAS_LIVE_GRANTS: {
    status: 409,
    description:
      "Access granted through the integration is still live (approved, granting, granted or being revoked): revoke it, or let it end, before deleting the integration.",
  },
  INTEGRATION_CHECKS_UNAVAILABLE: {
    status: 503,
    description: "This server cannot check integrations against AWS.",
  },
  // Connectors
  CONNECTOR_NAME_TAKEN: { status: 409, description: "Another connector has this name." },
  CONNECTOR_IN_USE: {
    status: 409,
    description: "Integrations use this connector, so it cannot be deleted (the message names them).",
  },
  CONNECTOR_CHECKS_UNAVAILABLE: {
    status: 503,
    description: "This server cannot check connectors against AWS.",
  },
  // Accounts and API tokens
  EMAIL_TAKEN: { status: 409, description: "Another account has this email." },
  LAST_ADMIN: { status: 409, description: "The last admin account cannot be deleted." },
  CANNOT_DELETE_SELF: { status: 409, description: "An admin cannot delete their own account." },
  API_TOKEN_LIMIT_REACHED: { status: 409, description: "The account has the maximum number of API tokens." },
  // Identity sources
  IDENTITY_SOURCE_NAME_TAKEN: { status: 409, description: "Another identity source has this name." },
  IDENTITY_NAME_TAKEN: {
    status: 409,
    description: "The source already has a person with this user name, or a group with this name.",
  },
  IDENTITY_SOURCE_READ_ONLY: {
    status: 409,
    description: "Only a built-in source's people and groups are edited here; others come from their IdP.",
  },
  IDENTITY_SOURCE_MANAGED_BY_INTEGRATION: {
    status: 409,
    description:
      "An IAM Identity Center source is named after its organization integration and deleted with it: rename or delete the integration instead.",
  },
  IDENTITY_SOURCE_HAS_NO_TOKEN: { status: 409, description: "Only SCIM sources have a token to rotate." },
  // Access flows, requests and approvals
  ACCESS_FLOW_NAME_TAKEN: {
    status: 409,
    description: "Another access flow has this name (names are compared ignoring case).",
  },
  NO_MATCHING_ACCESS_FLOW: {
    status: 403,
    description:
      "No active access flow lets you request this resource and permission; the message names which.",
  },
  NO_POSSIBLE_APPROVER: {
    status: 409,
    description:
      "The flow's approvers resolve to nobody who could approve this request (e.g. no owner found).",
  },
  REQUESTER_NOT_IN_DIRECTORY: {
    status: 409,
    description: "Your account has no live person in an identity source, so access cannot be granted to you.",
  },
  ACCESS_REQUEST_STATE_CONFLICT: {
    status: 409,
    description: "The request is no longer in a state that allows this (e.g. already decided or ended).",
  },
  NOT_AN_APPROVER: { status: 403, description: "You are not one of the approvers of this request." },
  REQUESTOR_CANNOT_APPROVE: {
    status: 403,
    description: "The flow does not let requestors approve their own requests.",
  },
  // Credential rotation (issue #19)
  CREDENTIALS_NOT_RESETTABLE: {
    status: 409,
    description:
      "This access has no credentials of its own to reset (Identity Center access, or no key created yet).",
  },
  CREDENTIALS_RESET_IN_PROGRESS: {
    status: 409,
    description: "The credentials are being reset right now: open the access details in a moment.",
  },
  CREDENTIALS_RESET_FAILED: {
    status: 502,
    description:
      "AWS refused a step of the reset; the message says which and what to do. Your old key still works until it is retired, and the reset is retried.",
  },
  // OIDC sign-in
  OIDC_DISCOVERY_FAILED: {
    status: 400,
    description:
      "The issuer's discovery document cannot be read, names another issuer, or lacks sign-in by code with PKCE (S256); `issues` says which.",
  },
} as const satisfies Record<string, { status: number; description: string }>;

export type TApiErrorCode = keyof typeof API_ERROR_CODES;

export const API_ERROR_CODE_LIST = Object.keys(API_ERROR_CODES) as [TApiErrorCode, ...TApiErrorCode[]];

export const ZApiErrorCode = z
  .enum(API_ERROR_CODE_LIST)
  .describe("Stable error code: branch on it (see the list in the API description).");

/** One validation problem. `path` is dot-joined ("integration_config.region", "" for the body). */
export const ZApiIssue = z.object({ path: z.string(), message: z.string() });

/**
 * Every error response. `message` is a sentence for a person; `code` is for programs; `issues`
 * lists validation problems with the same messages the form shows, so the web can put them on
 * its fields.
 */
export const ZApiError = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  code: ZApiErrorCode,
  message: z.string(),
  requestId: z.string(),
  issues: z.array(ZApiIssue).optional(),
});

export type TApiIssue = z.output<typeof ZApiIssue>;
export type TApiError = z.output<typeof ZApiError>;
