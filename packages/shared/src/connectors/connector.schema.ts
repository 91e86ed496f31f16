import { z } from "zod";
import { ZTokenPagination } from "../api/pagination.schema.ts";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";

// Response shapes: plain `z.object`s, so anything not listed here is stripped from what the
// API sends (an allow-list), and no transforms, because the API serialises with `encode`.

/** Stored statuses (and the list filter). */
export const CONNECTOR_STATUSES = ["CONNECTED", "DISCONNECTED"] as const;
/**
 * Statuses shown: PENDING is a DISCONNECTED connector whose role cannot be assumed yet (not
 * created, or its trust policy not set): setup is unfinished, not broken.
 */
export const CONNECTOR_VIEW_STATUSES = ["CONNECTED", "PENDING", "DISCONNECTED"] as const;
export const ZConnectorStatus = z.enum(CONNECTOR_VIEW_STATUSES);
export type TConnectorStatus = z.output<typeof ZConnectorStatus>;

/** How a connector reaches AWS: through its role, or with the Portcullis server's own credentials. */
export const CONNECTOR_CREDENTIALS = ["role", "server"] as const;

/** ConnectorSessionsCloudProviderMetadataV3, the fields that apply to AWS. */
export const ZConnectorCloudProviderMetadataV3 = z.object({
  aws_account_id: z.string().nullable(),
  region: z.string().nullable(),
  availability_zone: z.string().nullable().optional(),
  local_deploy: z.boolean().nullable().optional(),
});

/** ConnectorSessionV3: one running connector process. */
export const ZConnectorSessionV3 = z.object({
  id: z.string(),
  metadata: z.object({
    cloud_provider_metadata: ZConnectorCloudProviderMetadataV3.nullable(),
    connector_version: z.string().nullable(),
  }),
  last_connected_time: ZIsoDateTime,
});

/** Result of the latest live check of a connector (STS identity, role assumption). */
export const ZConnectorCheck = z.object({
  ok: z.boolean(),
  checked_at: ZIsoDateTime,
  message: z.string(),
  error_code: z.string().nullable(),
  warnings: z.array(z.string()),
  /** Which step failed: the server's own credentials, or assuming the connector's role. */
  failed_step: z.enum(["credentials", "role"]).nullable().optional(),
});

/** ConnectorV3 plus Portcullis fields (role, external id, region, account, last check). */
export const ZConnectorV3 = z.object({
  id: z.string(),
  name: z.string(),
  status: ZConnectorStatus,
  version: z.string(),
  last_connected: ZIsoDateTime.nullable(),
  is_latest_version: z.boolean(),
  cloud_provider_type: z.literal("AWS"),
  sessions: z.array(ZConnectorSessionV3),
  role_arn: z.string().nullable(),
  /** Put it in the role's trust policy (sts:ExternalId) so only this connector can assume it. */
  external_id: z.string(),
  region: z.string(),
  aws_account_id: z.string().nullable(),
  last_check: ZConnectorCheck.nullable(),
  /** "server": no role ARN, so the server's own credentials (named in `last_check.message`) are used as they are. */
  credentials: z.enum(CONNECTOR_CREDENTIALS),
  /** When PENDING: what is missing before the role works. */
  pending_reason: z.string().nullable(),
  /** Integrations that use this connector (it cannot be deleted while any do). */
  used_by_integrations: z.number().int().nonnegative(),
});

/** PublicApiListResponseConnectorPublicV3Model. */
export const ZConnectorListV3 = z.object({
  items: z.array(ZConnectorV3),
  pagination: ZTokenPagination,
});

export type TConnectorSessionV3 = z.output<typeof ZConnectorSessionV3>;
export type TConnectorCheck = z.output<typeof ZConnectorCheck>;
export type TConnectorV3 = z.output<typeof ZConnectorV3>;
export type TConnectorListV3 = z.output<typeof ZConnectorListV3>;
