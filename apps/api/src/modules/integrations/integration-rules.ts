import {
  getConfigParams,
  INTEGRATION_NAME_TAKEN_MESSAGE,
  isIntegrationType,
  quoteValue,
  type TConfigParamDefinition,
  type TOwner,
  type TOwnersMapping,
} from "@portcullis/shared";
import { type ApiIssue, AppError } from "../../lib/app-error.ts";
import { invalidRequest } from "../../plugins/zod-validation.ts";
import type { ConnectorRepository } from "../connectors/connector.repository.ts";
import type { DirectoryRepository } from "../directory/directory.repository.ts";
import { validateOwnerSettings } from "../directory/owner-validation.ts";

export const INTEGRATION_MESSAGES = {
  nameTaken: INTEGRATION_NAME_TAKEN_MESSAGE,
} as const;

export function integrationNotFound(id: string): AppError {
  return new AppError("NOT_FOUND", `No integration with id ${quoteValue(id)}.`);
}

/** A disabled integration is not fetched until an admin enables it again. */
export function integrationDisabled(name: string): AppError {
  return new AppError(
    "INTEGRATION_DISABLED",
    `${quoteValue(name)} is disabled: it is not fetched. Enable it to fetch it again.`,
  );
}

export function nameTaken(): AppError {
  return AppError.field("INTEGRATION_NAME_TAKEN", "name", INTEGRATION_MESSAGES.nameTaken);
}

/** A 400 listing every issue, worded like the schema validation errors. */
export function invalidBody(issues: ApiIssue[]): AppError {
  return invalidRequest("body", issues);
}

/**
 * The connector rule: it must exist, and be CONNECTED (every connector is an AWS connector).
 * `requireConnected` is false when an edit keeps the integration's current connector, so an
 * integration can still be renamed while its connector is down.
 */
export async function connectorIssues(
  connectors: ConnectorRepository,
  connectorId: string,
  options: { requireConnected: boolean },
): Promise<ApiIssue[]> {
  const connector = await connectors.findById(connectorId);
  if (!connector) {
    return [
      {
        path: "connector_id",
        message: `No connector ${quoteValue(connectorId)}. Select one of your connectors.`,
      },
    ];
  }
  if (options.requireConnected && connector.status !== "CONNECTED") {
    return [
      {
        path: "connector_id",
        message: `Connector ${quoteValue(connectorId)} is DISCONNECTED. Check it (and fix its role if the check fails), or select a connected connector.`,
      },
    ];
  }
  return [];
}

/** Every rule that needs the database, except the name (a 409, checked after these). */
export async function referenceIssues(
  connectors: ConnectorRepository,
  directory: DirectoryRepository,
  body: { connector_id: string; owner?: TOwner | null; owners_mapping?: TOwnersMapping | null },
  options: { requireConnected: boolean },
): Promise<ApiIssue[]> {
  return [
    ...(await connectorIssues(connectors, body.connector_id, options)),
    ...(await validateOwnerSettings(directory, body)),
  ];
}

/**
 * A type's settings as they behave: each catalog setting left out (or "") takes its catalog
 * default, so a stored config written without one (by the API, or an older version) and the edit
 * page's form, which holds every setting with its default, are the same settings.
 */
function effectiveConfig(type: string, config: Readonly<Record<string, unknown>>): Record<string, string> {
  const effective: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === "string" && value !== "") effective[key] = value;
  }
  const params: readonly TConfigParamDefinition[] = isIntegrationType(type) ? getConfigParams(type) : [];
  for (const param of params) {
    if (effective[param.id] === undefined && param.default) effective[param.id] = param.default;
  }
  return effective;
}

/** Same settings (defaults included), whatever the key order. */
export function sameConfig(
  type: string,
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, string | undefined>>,
): boolean {
  const sorted = (value: Record<string, string>) =>
    JSON.stringify(
      Object.keys(value)
        .sort()
        .map((key) => [key, value[key]]),
    );
  return sorted(effectiveConfig(type, a)) === sorted(effectiveConfig(type, b));
}

/**
 * Deleting an integration would leave its live grants in AWS with nothing to take them back (the
 * revoke needs the integration's connector and roles), so it is refused until they have ended.
 */
export function integrationHasLiveGrants(live: { requests: number; grants: number }): AppError {
  const grants = live.grants === 1 ? "1 live access grant" : `${live.grants} live access grants`;
  const requests = live.requests === 1 ? "1 access request" : `${live.requests} access requests`;
  return new AppError(
    "INTEGRATION_HAS_LIVE_GRANTS",
    `The integration has ${grants} (${requests}). Revoke them (Access requests, or POST /api/v3/access-requests-bulk/revoke) or let them expire, then delete the integration.`,
  );
}
