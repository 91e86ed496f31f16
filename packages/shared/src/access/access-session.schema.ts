import { z } from "zod";
import { ZTokenPagination } from "../api/pagination.schema.ts";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";

// Access sessions (AccessSessionV1): one per live grant of the caller, with how to use it
// (AccessSessionDetailsV1).

export const CREDENTIALS_STATUSES = ["AVAILABLE", "VIEWED", "RESETTING", "NOT_APPLICABLE"] as const;
export const ZCredentialsStatus = z.enum(CREDENTIALS_STATUSES);

export const ZAccessSessionV1 = z.object({
  id: z.string(),
  name: z.string(),
  request_ids: z.array(z.string()),
  integration: z.object({ id: z.string(), name: z.string() }),
  credentials_status: ZCredentialsStatus,
  can_reset_credentials: z.boolean(),
  /** Portcullis additions. */
  portcullis: z.object({
    resource_type: z.string(),
    resource_name: z.string(),
    permission: z.string(),
    account_id: z.string().nullable(),
    expires_at: ZIsoDateTime.nullable(),
  }),
});

export const ZAccessSessionListV1 = z.object({
  items: z.array(ZAccessSessionV1),
  pagination: ZTokenPagination,
});

export const ZLinkV1 = z.object({ url: z.string(), title: z.string().nullable() });

export const ZAccessSessionDetailsV1 = z.object({
  instructions: z.string(),
  /** The integration's custom access details ("Message from your admin"). */
  custom_admin_message: z.string().nullable(),
  /** e.g. { access_key_id, secret_access_key } the one time it is shown; never again. */
  parameters: z.record(z.string(), z.string()).nullable(),
  cli: z.string().nullable(),
  link: ZLinkV1.nullable(),
});

export const ZListAccessSessionsQuery = z.object({
  integration_id: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
  request_ids: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  page_token: z.string().max(2048).optional(),
});

export type TCredentialsStatus = z.output<typeof ZCredentialsStatus>;
export type TAccessSessionV1 = z.output<typeof ZAccessSessionV1>;
export type TAccessSessionListV1 = z.output<typeof ZAccessSessionListV1>;
export type TAccessSessionDetailsV1 = z.output<typeof ZAccessSessionDetailsV1>;
export type TLinkV1 = z.output<typeof ZLinkV1>;
export type TListAccessSessionsQuery = z.output<typeof ZListAccessSessionsQuery>;
