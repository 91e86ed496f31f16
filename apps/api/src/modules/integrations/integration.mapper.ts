import {
  getIntegrationTypeDefinition,
  isIntegrationType,
  type TIntegrationV4,
  type TOwnerMappingV4,
  type TOwnerV4,
  type TSyncError,
  type TSyncRun,
  ZOwnerAttributeType,
  ZOwnerMappingAttributeType,
  ZSyncError,
} from "@portcullis/shared";
import { z } from "zod";
import { type DirectorySource, resolveSource } from "../../core/directory-sources.ts";
import type { WithParsedConfig } from "../../core/integration-config.ts";
import type { Integration, SyncRun } from "../../generated/prisma/client.ts";

// Stored JSON is read defensively: a row written by an older version (or by hand) must not
// turn a listing into a 500, so anything unexpected is left out.
const ZStoredOwner = z.object({
  attribute_type: ZOwnerAttributeType,
  attribute_value: z.array(z.string()),
  source_integration_reference: z.string().nullish(),
});
const ZStoredOwnersMapping = z.object({
  key_name: z.string(),
  attribute_type: ZOwnerMappingAttributeType,
  source_integration_reference: z.string().nullish(),
});

function sourceFields(providers: readonly DirectorySource[], reference: string | null) {
  const provider = resolveSource(providers, reference);
  return { source_integration_id: provider?.id ?? null, source_integration_name: provider?.name ?? null };
}

// Most integrations have no owner settings: null is answered before zod, whose failures cost
// an error object each (a list maps a hundred rows per request).
function toOwner(value: unknown, providers: readonly DirectorySource[]): TOwnerV4 | null {
  if (value === null || value === undefined) return null;
  const parsed = ZStoredOwner.safeParse(value);
  if (!parsed.success) return null;
  const reference = parsed.data.source_integration_reference ?? null;
  return { ...parsed.data, source_integration_reference: reference, ...sourceFields(providers, reference) };
}

function toOwnersMapping(value: unknown, providers: readonly DirectorySource[]): TOwnerMappingV4 | null {
  if (value === null || value === undefined) return null;
  const parsed = ZStoredOwnersMapping.safeParse(value);
  if (!parsed.success) return null;
  const reference = parsed.data.source_integration_reference ?? null;
  return { ...parsed.data, source_integration_reference: reference, ...sourceFields(providers, reference) };
}

/** What a listing reads of an integration (a full row has it all), as stored. */
export type ListedIntegration = Pick<
  Integration,
  | "id"
  | "name"
  | "type"
  | "status"
  | "statusMessage"
  | "lastSyncTime"
  | "connectorId"
  | "connectedResourceTypes"
  | "integrationConfig"
  | "customAccessDetails"
  | "owner"
  | "ownersMapping"
  | "createdAt"
  | "updatedAt"
>;

/** What a listing reads of an integration's latest fetch. */
export type LatestRun = Pick<
  SyncRun,
  | "id"
  | "state"
  | "startedAt"
  | "finishedAt"
  | "scopesTotal"
  | "scopesDone"
  | "scopesFailed"
  | "resourcesFound"
  | "accountsFound"
  | "errors"
>;

export function toSyncRun(run: LatestRun): TSyncRun {
  return {
    run_id: run.id,
    state: run.state,
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    scopes_total: run.scopesTotal,
    scopes_done: run.scopesDone,
    scopes_failed: run.scopesFailed,
    resources_found: run.resourcesFound,
    accounts_found: run.accountsFound,
  };
}

export function syncErrorsOf(run: Pick<SyncRun, "errors"> | null | undefined): TSyncError[] {
  if (!run || !Array.isArray(run.errors)) return [];
  return run.errors.flatMap((entry) => {
    const parsed = ZSyncError.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** IntegrationV4 with our read-only extras under `portcullis`. */
export function toIntegrationV4(
  row: WithParsedConfig<ListedIntegration>,
  latestRun: LatestRun | null | undefined,
  providers: readonly DirectorySource[],
): TIntegrationV4 {
  if (!isIntegrationType(row.type)) throw new Error(`Integration ${row.id} has unknown type ${row.type}`);
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    category: getIntegrationTypeDefinition(row.type).category,
    connector_id: row.connectorId,
    status: row.status,
    last_sync_time: row.lastSyncTime?.toISOString() ?? null,
    integration_config: { ...row.integrationConfig },
    connected_resource_types: row.connectedResourceTypes,
    custom_access_details: row.customAccessDetails,
    owner: toOwner(row.owner, providers),
    owners_mapping: toOwnersMapping(row.ownersMapping, providers),
    portcullis: {
      status_message: row.statusMessage,
      created_at: row.createdAt.toISOString(),
      updated_at: row.updatedAt.toISOString(),
      sync: latestRun ? toSyncRun(latestRun) : null,
      errors: syncErrorsOf(latestRun),
    },
  };
}

/**
 * Folds the audit ingest's warnings (an account whose CloudTrail cannot be read) into the
 * integration as a fetch's failed scopes are shown: an Active integration shows Warning with the
 * reason, and each account is listed in `portcullis.errors` with the permission to add.
 */
export function withAuditWarnings(
  integration: TIntegrationV4,
  warnings: readonly { accountId: string; region: string; code: string; message: string; fix: string }[] = [],
): TIntegrationV4 {
  if (warnings.length === 0) return integration;
  const first = warnings[0]!;
  const summary =
    warnings.length === 1
      ? `${first.message} ${first.fix}`
      : `Audit: CloudTrail cannot be read in ${warnings.length} account regions (${first.accountId} ${first.region}, …). ${first.fix}`;
  const active = integration.status === "Active";
  return {
    ...integration,
    status: active ? "Warning" : integration.status,
    portcullis: {
      ...integration.portcullis,
      status_message: active
        ? summary
        : [integration.portcullis.status_message, summary].filter(Boolean).join(" "),
      errors: [
        ...integration.portcullis.errors,
        ...warnings.map((w) => ({
          scope: "audit",
          account_id: w.accountId,
          region: w.region === "*" ? null : w.region,
          resource_type: null,
          code: w.code,
          message: w.message,
          fix: w.fix,
        })),
      ],
    },
  };
}
