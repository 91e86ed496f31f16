import type { TConnectorCheck } from "@portcullis/shared";
import type { ConnectorChecker, ConnectorCheckResult } from "../../core/connector-check.types.ts";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import { type Connector, Prisma } from "../../generated/prisma/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { connectorRepository } from "./connector.repository.ts";
import { CONNECTOR_MESSAGES, connectorNotFound } from "./connector-rules.ts";

export type ConnectorServiceDeps = { db: Db; checker: ConnectorChecker | undefined; logger: Logger };

/** The checker's answer; a checker that throws counts as a failed check (logged), never a 500. */
async function runChecker(
  deps: ConnectorServiceDeps & { checker: ConnectorChecker },
  connector: Connector,
  requestId: string,
): Promise<ConnectorCheckResult> {
  try {
    return await deps.checker.check(connector);
  } catch (error) {
    deps.logger.error({ err: error, requestId, connectorId: connector.id }, "connector check crashed");
    return {
      ok: false,
      accountId: null,
      callerArn: null,
      message: CONNECTOR_MESSAGES.checkCrashed,
      errorCode: "InternalError",
      warnings: [],
    };
  }
}

/**
 * Runs the live check and stores its outcome: status, AWS account, caller, last_connected
 * (on success) and last_check, with an audit entry. The check runs outside any transaction:
 * it talks to AWS and may take seconds.
 */
export async function checkAndStore(
  deps: ConnectorServiceDeps & { checker: ConnectorChecker },
  connector: Connector,
  audit: AuditContext,
): Promise<Connector> {
  const result = await runChecker(deps, connector, audit.requestId);
  const at = new Date();
  const lastCheck: TConnectorCheck = {
    ok: result.ok,
    checked_at: at.toISOString(),
    message: result.message,
    error_code: result.ok ? null : (result.errorCode ?? "CheckFailed"),
    warnings: result.warnings,
    failed_step: result.ok ? null : (result.failedStep ?? null),
  };
  const data: Prisma.ConnectorUpdateInput = {
    status: result.ok ? "CONNECTED" : "DISCONNECTED",
    lastCheck: lastCheck as Prisma.InputJsonObject,
    ...(result.accountId ? { awsAccountId: result.accountId } : {}),
    ...(result.callerArn ? { callerArn: result.callerArn } : {}),
    ...(result.ok ? { lastConnected: at } : {}),
  };
  return deps.db.$transaction(async (tx) => {
    const updated = await connectorRepository(deps.db).update(tx, connector.id, data);
    if (!updated) throw connectorNotFound(connector.id);
    await recordAudit(tx, {
      ...audit,
      action: "connector.check",
      targetType: "connector",
      targetId: connector.id,
      before: { status: connector.status, aws_account_id: connector.awsAccountId },
      after: { status: updated.status, aws_account_id: updated.awsAccountId, last_check: lastCheck },
    });
    return updated;
  }, TRANSACTION_OPTIONS);
}

/** Prisma's `DbNull`, to clear the stored last check when the connector's reach changes. */
export const NO_LAST_CHECK = Prisma.DbNull;
