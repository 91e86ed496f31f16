import { z } from "zod";
import { ZOffsetPagination, ZTokenPagination } from "../api/pagination.schema.ts";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";
import { ACCESS_STATUSES, ZAccessStatus } from "./access-status.ts";

// Access requests (AccessRequestV4 / CreateAccessRequestV4; the admin AccessRequest of v3) and the
// approve / reject body Portcullis adds: POST /api/user/v4/access-requests/{id}/approve|reject.

export const JUSTIFICATION_MAX = 1000;
export const APPROVER_REASON_MAX = 1000;
export const ENTITLEMENTS_MAX = 50;
/** 30 days: the longest a flow may grant. */
export const DURATION_SEC_MAX = 30 * 24 * 3600;

const ZCustomFields = z
  .record(z.string().max(100), z.string().max(1000), { error: "custom_fields must map names to strings." })
  .optional()
  .transform((value) => value ?? {});

export const ZCreateAccessRequestEntitlement = z.strictObject(
  {
    resource_id: z
      .string({ error: "Select a resource." })
      .trim()
      .min(1, { error: "Select a resource." })
      .max(200),
    permission_id: z
      .string({ error: "Select a permission." })
      .trim()
      .min(1, { error: "Select a permission." })
      .max(2048),
  },
  {
    error: unknownKeysError({ where: "an entitlement", notAnObject: "Send each entitlement as an object." }),
  },
);

const ZJustification = z
  .string({ error: "Send justification as text." })
  .trim()
  .max(JUSTIFICATION_MAX, { error: `Justification must be at most ${JUSTIFICATION_MAX} characters.` })
  .nullish()
  .transform((value) => (value ? value : null));

/** CreateAccessRequestV4 (entitlements only: bundles are not offered; the grantee is the caller). */
export const ZCreateAccessRequest = z.strictObject(
  {
    bundle_reference: z.null({ error: "Bundles are not supported: request entitlements." }).optional(),
    entitlements: z
      .array(ZCreateAccessRequestEntitlement, { error: "Select at least one resource and permission." })
      .min(1, { error: "Select at least one resource and permission." })
      .max(ENTITLEMENTS_MAX, { error: `Request at most ${ENTITLEMENTS_MAX} entitlements at once.` }),
    justification: ZJustification,
    duration_in_sec: z
      .int({ error: "duration_in_sec must be a whole number of seconds." })
      .min(60, { error: "duration_in_sec must be at least 60 (one minute)." })
      .max(DURATION_SEC_MAX, { error: `duration_in_sec must be at most ${DURATION_SEC_MAX} (30 days).` })
      .nullish()
      .transform((value) => value ?? null),
    custom_fields: ZCustomFields,
    grantee: z.string().trim().max(320).nullish(),
  },
  {
    error: unknownKeysError({
      where: "an access request",
      notAnObject: "Send the access request as a JSON object.",
    }),
  },
);

/** RequestAgainV4. */
export const ZRequestAgain = z.strictObject(
  { justification: ZJustification, custom_fields: ZCustomFields },
  { error: unknownKeysError({ where: "a request again", notAnObject: "Send the body as a JSON object." }) },
);

/** Approve or reject: `reason` is required when the flow says `require_approver_reason`. */
export const ZAccessRequestDecision = z
  .strictObject(
    {
      reason: z
        .string({ error: "Send reason as text." })
        .trim()
        .max(APPROVER_REASON_MAX, { error: `Reason must be at most ${APPROVER_REASON_MAX} characters.` })
        .nullish()
        .transform((value) => (value ? value : null)),
    },
    { error: unknownKeysError({ where: "a decision", notAnObject: "Send the decision as a JSON object." }) },
  )
  .nullish()
  .transform((value) => value ?? { reason: null });

/** AccessRequestsBulkRevokeRequestV3. */
export const ZBulkRevokeAccessRequests = z.strictObject(
  {
    request_ids: z
      .array(z.string().trim().min(1).max(200), { error: "Send request_ids as a list of ids." })
      .min(1, { error: "Select at least one request." })
      .max(500, { error: "Revoke at most 500 requests at once." }),
  },
  { error: unknownKeysError({ where: "a bulk revoke", notAnObject: "Send the body as a JSON object." }) },
);

const statusesMessage = `statuses must be among: ${ACCESS_STATUSES.join(", ")}.`;

/** Query of GET /api/user/v4/access-requests and /api/user/v4/approvals. */
export const ZListAccessRequestsQuery = z.object({
  limit: z.coerce
    .number({ error: "limit must be a whole number from 1 to 500." })
    .int({ error: "limit must be a whole number from 1 to 500." })
    .min(1, { error: "limit must be a whole number from 1 to 500." })
    .max(500, { error: "limit must be a whole number from 1 to 500." })
    .default(100),
  page_token: z.string().max(2048).optional(),
  requestor: z.string().trim().max(320).optional(),
  statuses: z
    .union([z.string(), z.array(z.string())], { error: statusesMessage })
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(",")).map((s) => s.trim()).filter(Boolean),
    )
    .pipe(z.array(z.enum(ACCESS_STATUSES, { error: statusesMessage })))
    .optional(),
});

// ---- Responses ----

const ZIntegrationPartial = z.object({ id: z.string(), name: z.string() });
const ZResourceTypeV4 = z.object({ id: z.string(), label: z.string() });
const ZIdentityV4 = z.object({ id: z.string(), source_id: z.string() });

export const ZAccessRequestEntitlementV4 = z.object({
  integration: ZIntegrationPartial,
  resource: z.object({ id: z.string(), source_id: z.string(), type: ZResourceTypeV4, name: z.string() }),
  permission: z.object({ name: z.string() }),
  status: ZAccessStatus,
  /** Portcullis additions: this grant's own story. */
  portcullis: z.object({
    id: z.string(),
    permission_id: z.string(),
    account_id: z.string().nullable(),
    region: z.string().nullable(),
    failure_reason: z.string().nullable(),
    failure_fix: z.string().nullable(),
    granted_at: ZIsoDateTime.nullable(),
    revoked_at: ZIsoDateTime.nullable(),
  }),
});

export const ZAccessApproval = z.object({
  approver_id: z.string(),
  approver_email: z.string(),
  decision: z.enum(["APPROVED", "REJECTED"]),
  reason: z.string().nullable(),
  at: ZIsoDateTime,
});

/** AccessRequestV4 with Portcullis's `portcullis` block (flow, approvals, failure, times). */
export const ZAccessRequestV4 = z.object({
  id: z.string(),
  status: ZAccessStatus,
  duration_in_sec: z.number().int().nullable(),
  justification: z.string().nullable(),
  creation_date: ZIsoDateTime,
  revocation_date: ZIsoDateTime.nullable(),
  custom_fields: z.record(z.string(), z.string()),
  access_groups: z.array(
    z.object({ integration: ZIntegrationPartial, resource_types: z.array(ZResourceTypeV4) }),
  ),
  requestor: ZIdentityV4.nullable(),
  grantee: ZIdentityV4.nullable(),
  bundle: z.null(),
  portcullis: z.object({
    number: z.number().int(),
    access_flow_id: z.string().nullable(),
    access_flow_name: z.string(),
    approval_mode: z.enum(["ANY_OF", "ALL_OF"]).nullable(),
    require_approver_reason: z.boolean(),
    /** Can the caller approve or reject it now? */
    can_decide: z.boolean(),
    approvals: z.array(ZAccessApproval),
    entitlements: z.array(ZAccessRequestEntitlementV4),
    failure_reason: z.string().nullable(),
    failure_fix: z.string().nullable(),
    granted_at: ZIsoDateTime.nullable(),
    expires_at: ZIsoDateTime.nullable(),
    requested_again_of: z.string().nullable(),
  }),
});

export const ZAccessRequestListV4 = z.object({
  items: z.array(ZAccessRequestV4),
  pagination: ZTokenPagination,
});
export const ZAccessRequestEntitlementListV4 = z.object({
  items: z.array(ZAccessRequestEntitlementV4),
  pagination: ZTokenPagination,
});

/** The admin AccessRequest of /api/v3/access-requests. */
export const ZAccessRequestV3 = z.object({
  request_id: z.string(),
  friendly_request_id: z.string(),
  user_id: z.string(),
  status: ZAccessStatus,
  integration_id: z.string(),
  resource_ids: z.array(z.string()),
  permissions: z.array(z.string()),
  justification: z.string(),
});
export const ZAccessRequestListV3 = z.object({
  data: z.array(ZAccessRequestV3),
  pagination: ZOffsetPagination,
});

export const ZListAccessRequestsV3Query = z.object({
  days_offset: z.coerce.number().int().min(0).max(3650).optional(),
  user_id: z.string().trim().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export type TCreateAccessRequest = z.output<typeof ZCreateAccessRequest>;
export type TCreateAccessRequestInput = z.input<typeof ZCreateAccessRequest>;
export type TRequestAgain = z.output<typeof ZRequestAgain>;
export type TAccessRequestDecision = z.output<typeof ZAccessRequestDecision>;
export type TBulkRevokeAccessRequests = z.output<typeof ZBulkRevokeAccessRequests>;
export type TListAccessRequestsQuery = z.output<typeof ZListAccessRequestsQuery>;
export type TAccessRequestEntitlementV4 = z.output<typeof ZAccessRequestEntitlementV4>;
export type TAccessApproval = z.output<typeof ZAccessApproval>;
export type TAccessRequestV4 = z.output<typeof ZAccessRequestV4>;
export type TAccessRequestListV4 = z.output<typeof ZAccessRequestListV4>;
export type TAccessRequestV3 = z.output<typeof ZAccessRequestV3>;
export type TAccessRequestListV3 = z.output<typeof ZAccessRequestListV3>;
export type TListAccessRequestsV3Query = z.output<typeof ZListAccessRequestsV3Query>;
