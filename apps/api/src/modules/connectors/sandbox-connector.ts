import type { ConnectorChecker } from "../../core/connector-check.types.ts";
import type { Db } from "../../db/prisma.ts";
import { type DemoSandbox, SANDBOX_CONNECTOR } from "../../discovery/demo/demo-sandbox.ts";
import type { Logger } from "../../lib/logger.ts";
import { randomToken } from "../../lib/tokens.ts";
import { connectorRepository } from "./connector.repository.ts";
import { connectorService } from "./connector.service.ts";

/**
 * Registers the sandbox's connector (idempotent: an existing one keeps its external id and
 * is pointed at the demo role again), then checks it so it shows CONNECTED. A failure is
 * logged, never fatal: the app runs without the demo connector.
 */
export async function registerSandboxConnector(
  db: Db,
  demo: DemoSandbox,
  checker: ConnectorChecker,
  logger: Logger,
): Promise<void> {
  try {
    await upsertAndCheck(db, demo, checker, logger);
  } catch (error) {
    logger.warn({ err: error }, "could not register the AWS sandbox connector");
  }
}

async function upsertAndCheck(
  db: Db,
  demo: DemoSandbox,
  checker: ConnectorChecker,
  logger: Logger,
): Promise<void> {
  await connectorRepository(db).upsertSandbox({
    ...SANDBOX_CONNECTOR,
    roleArn: demo.connectorRoleArn,
    externalId: randomToken(24),
  });
  const connectors = connectorService({ db, checker, logger });
  const checked = await connectors.check(SANDBOX_CONNECTOR.id, { actor: null, requestId: "startup" });
  if (checked.status !== "CONNECTED") {
    logger.warn({ check: checked.last_check }, "the AWS sandbox connector did not connect");
  }
}
