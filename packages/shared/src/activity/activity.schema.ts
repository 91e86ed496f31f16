import { z } from "zod";
import { ZOffsetPagination } from "../api/pagination.schema.ts";
import { makeListParam } from "../api/query-params.schema.ts";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";

// Activity (issue #19 §1): what people did in AWS with the access they were granted, read from
// CloudTrail. GET /api/v3/activity mirrors Apono's listActivity (query names, the
// ActivityReportJsonExportModel fields, PaginationInfo); each item is one CloudTrail event, with
// the request it belongs to in the published fields and the event itself under `portcullis`.

const epochSeconds = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a time in seconds since 1970 (a whole number).` })
    .int({ error: `${name} must be a time in seconds since 1970 (a whole number).` })
    .min(0, { error: `${name} must be a time in seconds since 1970 (a whole number).` })
    .optional();

const flag = (name: string) =>
  z
    .enum(["true", "false"], { error: `${name} must be "true" or "false".` })
    .transform((value) => value === "true")
    .optional();

const ZUuidText = (name: string) => z.string().uuid({ error: `Each ${name} must be an id (a UUID).` });

/** GET /api/v3/activity query. */
export const ZListActivityQuery = z
  .object({
    start_date: epochSeconds("start_date"),
    end_date: epochSeconds("end_date"),
    "filter[integration_id]": makeListParam(ZUuidText("filter[integration_id]"), "filter[integration_id]"),
    /** The people who received the access (their directory person ids). */
    "filter[requestor_id]": makeListParam(ZUuidText("filter[requestor_id]"), "filter[requestor_id]"),
    "filter[access_request_id]": makeListParam(
      ZUuidText("filter[access_request_id]"),
      "filter[access_request_id]",
    ),
    /** Portcullis: only calls that change something (CloudTrail's readOnly false). */
    writes_only: flag("writes_only"),
    /** Portcullis: only calls AWS refused or failed (an errorCode). */
    errors_only: flag("errors_only"),
    limit: z.coerce
      .number({ error: "limit must be a whole number from 1 to 1000." })
      .int({ error: "limit must be a whole number from 1 to 1000." })
      .min(1, { error: "limit must be a whole number from 1 to 1000." })
      .max(1000, { error: "limit must be a whole number from 1 to 1000." })
      .default(100),
    offset: z.coerce
      .number({ error: "offset must be a whole number, 0 or more." })
      .int({ error: "offset must be a whole number, 0 or more." })
      .min(0, { error: "offset must be a whole number, 0 or more." })
      .default(0),
  })
  .refine((q) => q.start_date === undefined || q.end_date === undefined || q.start_date <= q.end_date, {
    path: ["end_date"],
    error: "end_date must not be before start_date.",
  });

/** The CloudTrail event itself. */
export const ZActivityEvent = z.object({
  event_id: z.string(),
  event_time: ZIsoDateTime,
  event_name: z.string(),
  event_source: z.string(),
  read_only: z.boolean(),
  resources: z.array(z.string()),
  source_ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  account_id: z.string(),
  region: z.string(),
  /** Who CloudTrail says called: the IAM user name or the role session name. */
  principal: z.string(),
  access_key_id: z.string().nullable(),
  entitlement_id: z.string(),
  person_id: z.string().nullable(),
  person_name: z.string().nullable(),
  integration_id: z.string(),
});

/** ActivityReportJsonExportModel (the request an event belongs to) plus the event under `portcullis`. */
export const ZActivityItem = z.object({
  request_id: z.string().nullable(),
  request_date: ZIsoDateTime.nullable(),
  requestor_name: z.string().nullable(),
  requestor_email: z.string().nullable(),
  integration: z.string().nullable(),
  resource_type: z.string().nullable(),
  resources: z.array(z.string()).nullable(),
  permissions: z.array(z.string()).nullable(),
  justification: z.string().nullable(),
  status: z.string().nullable(),
  trigger_type: z.string().nullable(),
  access_flow: z.string().nullable(),
  extension_count: z.string().nullable(),
  portcullis: ZActivityEvent,
});

/** PaginatedResponseActivityReportJsonExportModel. */
export const ZActivityList = z.object({ data: z.array(ZActivityItem), pagination: ZOffsetPagination });

export type TListActivityQuery = z.output<typeof ZListActivityQuery>;
export type TListActivityQueryInput = z.input<typeof ZListActivityQuery>;
export type TActivityEvent = z.output<typeof ZActivityEvent>;
export type TActivityItem = z.output<typeof ZActivityItem>;
export type TActivityList = z.output<typeof ZActivityList>;
