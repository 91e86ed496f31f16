import {
  INTEGRATION_NAME_TAKEN_MESSAGE,
  quoteValue,
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

/** Same settings, whatever the key order. */
export function sameConfig(a: unknown, b: Readonly<Record<string, string | undefined>>): boolean {
  const sorted = (value: Record<string, unknown>) =>
    JSON.stringify(
      Object.keys(value)
        .sort()
        .map((key) => [key, value[key]]),
    );
  return typeof a === "object" && a !== null && sorted(a as Record<string, unknown>) === sorted(b);
}
