import { connectorIdFromName } from "@portcullis/shared";
import { AppError } from "../../lib/app-error.ts";
import type { ConnectorRepository } from "./connector.repository.ts";

export const CONNECTOR_MESSAGES = {
  nameTaken: "A connector with this name already exists. Choose another name.",
  checksUnavailable: "Connector checks are not available in this process.",
  checkCrashed:
    "The check could not run because of an error on our side. The request id is in the server log.",
} as const;

export function connectorNotFound(id: string): AppError {
  return new AppError("NOT_FOUND", `No connector with id ${JSON.stringify(id.slice(0, 60))}.`);
}

export function connectorNameTaken(): AppError {
  return AppError.field("CONNECTOR_NAME_TAKEN", "name", CONNECTOR_MESSAGES.nameTaken);
}

export function connectorInUse(id: string, integrations: Array<{ name: string }>): AppError {
  const names = integrations.slice(0, 10).map((integration) => JSON.stringify(integration.name));
  const more = integrations.length > 10 ? ` and ${integrations.length - 10} more` : "";
  const count = integrations.length === 1 ? "1 integration" : `${integrations.length} integrations`;
  return new AppError(
    "CONNECTOR_IN_USE",
    `Connector ${JSON.stringify(id)} is used by ${count}: ${names.join(", ")}${more}. Delete them or move them to another connector first.`,
  );
}

/** Readable, unique id: the slug of the name, or the slug with "-2", "-3", … when taken. */
export async function freeConnectorId(repository: ConnectorRepository, name: string): Promise<string> {
  const base = connectorIdFromName(name);
  const taken = await repository.idsStartingWith(base);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
  }
}
