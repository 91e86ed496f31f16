import { randomBytes } from "node:crypto";
import {
  connectorIdFromName,
  type TConnectorV3,
  type TCreateConnector,
  type TListConnectorsQuery,
  type TUpdateConnector,
} from "@portcullis/shared";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import type { Connector } from "../../generated/prisma/client.ts";
import { AppError } from "../../lib/app-error.ts";
import { randomToken } from "../../lib/tokens.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { decodePageToken, encodePageToken } from "../common/page-token.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../common/prisma-errors.ts";
import { toConnectorV3 } from "./connector.mapper.ts";
import { connectorRepository } from "./connector.repository.ts";
import { type ConnectorServiceDeps, checkAndStore, NO_LAST_CHECK } from "./connector-check.service.ts";
import {
  CONNECTOR_MESSAGES,
  connectorInUse,
  connectorNameTaken,
  connectorNotFound,
  freeConnectorId,
} from "./connector-rules.ts";

export { CONNECTOR_MESSAGES } from "./connector-rules.ts";
export type { ConnectorServiceDeps };

/** Connectors: list, get, register, edit, delete, and the live check (connector-check.service.ts). */
export function connectorService(deps: ConnectorServiceDeps) {
  const repository = connectorRepository(deps.db);

  async function existing(id: string): Promise<Connector> {
    const row = await repository.findById(id);
    if (!row) throw connectorNotFound(id);
    return row;
  }

  async function present(row: Connector): Promise<TConnectorV3> {
    return toConnectorV3(row, (await repository.usage([row.id])).get(row.id) ?? 0);
  }

  return {
    async list(query: TListConnectorsQuery) {
      const afterId = query.page_token === undefined ? undefined : decodePageToken(query.page_token, 1)[0];
      // PENDING is stored as DISCONNECTED: read those, then keep the statuses asked for.
      const stored = query.status?.map((status): "CONNECTED" | "DISCONNECTED" =>
        status === "CONNECTED" ? "CONNECTED" : "DISCONNECTED",
      );
      const rows = await repository.list({ statuses: stored, afterId, take: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const usage = await repository.usage(page.map((row) => row.id));
      const items = page.map((row) => toConnectorV3(row, usage.get(row.id) ?? 0));
      return {
        items: query.status ? items.filter((item) => query.status!.includes(item.status)) : items,
        pagination: {
          next_page_token: rows.length > query.limit && last ? encodePageToken([last.id]) : null,
        },
      };
    },

    async get(id: string): Promise<TConnectorV3> {
      return present(await existing(id));
    },

    /**
     * Registers a connector with a generated external id (for the role's trust policy), then
     * checks it. A failed check still creates it, DISCONNECTED, with the reason in last_check.
     */
    async create(body: TCreateConnector, audit: AuditContext): Promise<TConnectorV3> {
      if (await repository.nameTaken(body.name)) throw connectorNameTaken();
      let created: Connector | undefined;
      for (let attempt = 0; !created; attempt += 1) {
        const id =
          attempt === 0
            ? await freeConnectorId(repository, body.name)
            : `${connectorIdFromName(body.name)}-${randomBytes(2).toString("hex")}`;
        try {
          created = await deps.db.$transaction(async (tx) => {
            const row = await repository.create(tx, {
              id,
              name: body.name,
              roleArn: body.role_arn ?? null,
              region: body.region,
              externalId: randomToken(24),
            });
            await recordAudit(tx, {
              ...audit,
              action: "connector.create",
              targetType: "connector",
              targetId: id,
              after: toConnectorV3(row),
            });
            return row;
          }, TRANSACTION_OPTIONS);
        } catch (error) {
          if (isUniqueViolation(error, "connectors_name_key")) throw connectorNameTaken();
          // Another registration took the same id in between: try a random suffix.
          if (isUniqueViolation(error) && attempt < 3) continue;
          throw error;
        }
      }
      return present(
        deps.checker ? await checkAndStore({ ...deps, checker: deps.checker }, created, audit) : created,
      );
    },

    /**
     * Renames or re-points a connector. Changing the role or region makes it DISCONNECTED
     * until a check succeeds; the check runs right away when available.
     */
    async update(id: string, body: TUpdateConnector, audit: AuditContext): Promise<TConnectorV3> {
      const before = await existing(id);
      const roleArn = body.role_arn === undefined ? before.roleArn : body.role_arn;
      const region = body.region ?? before.region;
      const reachChanged = roleArn !== before.roleArn || region !== before.region;
      let updated: Connector;
      try {
        updated = await deps.db.$transaction(async (tx) => {
          const row = await repository.update(tx, id, {
            name: body.name,
            roleArn,
            region,
            ...(reachChanged ? { status: "DISCONNECTED", lastCheck: NO_LAST_CHECK } : {}),
          });
          if (!row) throw connectorNotFound(id);
          await recordAudit(tx, {
            ...audit,
            action: "connector.update",
            targetType: "connector",
            targetId: id,
            before: toConnectorV3(before),
            after: toConnectorV3(row),
          });
          return row;
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        if (isUniqueViolation(error)) throw connectorNameTaken();
        throw error;
      }
      return present(
        reachChanged && deps.checker
          ? await checkAndStore({ ...deps, checker: deps.checker }, updated, audit)
          : updated,
      );
    },

    /** Deletes an unused connector; one still used by integrations is a 409 naming them. */
    async delete(id: string, audit: AuditContext): Promise<void> {
      try {
        await deps.db.$transaction(async (tx) => {
          const row = await repository.findById(id, tx);
          if (!row) throw connectorNotFound(id);
          const users = await repository.integrationsUsing(id, tx);
          if (users.length > 0) throw connectorInUse(id, users);
          await repository.delete(tx, id);
          await recordAudit(tx, {
            ...audit,
            action: "connector.delete",
            targetType: "connector",
            targetId: id,
            before: toConnectorV3(row),
          });
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        // An integration was created on it meanwhile: the foreign key refuses the delete.
        if (isForeignKeyViolation(error)) throw connectorInUse(id, await repository.integrationsUsing(id));
        throw error;
      }
    },

    async check(id: string, audit: AuditContext): Promise<TConnectorV3> {
      const connector = await existing(id);
      if (!deps.checker)
        throw new AppError("CONNECTOR_CHECKS_UNAVAILABLE", CONNECTOR_MESSAGES.checksUnavailable);
      return present(await checkAndStore({ ...deps, checker: deps.checker }, connector, audit));
    },
  };
}
