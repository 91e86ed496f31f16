import { quoteValue, type TCreateIntegration, type TIntegrationCheck } from "@portcullis/shared";
import type { IntegrationChecker } from "../../core/integration-check.types.ts";
import type { Db } from "../../db/prisma.ts";
import { AppError } from "../../lib/app-error.ts";
import type { Logger } from "../../lib/logger.ts";
import { connectorRepository } from "../connectors/connector.repository.ts";
import { integrationRepository } from "./integration.repository.ts";
import { INTEGRATION_MESSAGES } from "./integration-rules.ts";

export type IntegrationCheckDeps = { db: Db; logger: Logger; checker: IntegrationChecker | undefined };

const CRASHED =
  "The checks could not run because of an error on our side. The request id is in the server log.";

/**
 * The Test button: the checks a create would pass or fail, without creating anything. The
 * name and connector are checked here; the AWS side by the checker, live.
 */
export function integrationCheckService(deps: IntegrationCheckDeps) {
  const integrations = integrationRepository(deps.db);
  const connectors = connectorRepository(deps.db);

  return {
    async check(body: TCreateIntegration, requestId: string): Promise<TIntegrationCheck[]> {
      const checker = deps.checker;
      if (!checker)
        throw new AppError(
          "INTEGRATION_CHECKS_UNAVAILABLE",
          "Integration checks are not available in this process.",
        );
      const taken = await integrations.nameTaken(body.name);
      const name: TIntegrationCheck = taken
        ? {
            name: "Name is free",
            status: "failed",
            message: INTEGRATION_MESSAGES.nameTaken,
            fix: "Choose another name (names are compared ignoring case).",
            field: "name",
          }
        : {
            name: "Name is free",
            status: "passed",
            message: `No other integration is called ${quoteValue(body.name)}.`,
            fix: null,
            field: null,
          };
      const connector = await connectors.findById(body.connector_id);
      if (!connector) {
        return [
          name,
          {
            name: "Connector reachable",
            status: "failed",
            message: `No connector ${quoteValue(body.connector_id)}.`,
            fix: "Select one of your connectors.",
            field: "connector_id",
          },
        ];
      }
      try {
        const aws = await checker.check({
          type: body.type,
          connector,
          config: body.integration_config as Record<string, string>,
          resourceTypes: [...body.connected_resource_types],
        });
        return [name, ...aws];
      } catch (error) {
        deps.logger.error({ err: error, requestId }, "integration check crashed");
        return [name, { name: "Checks ran", status: "failed", message: CRASHED, fix: null, field: null }];
      }
    },
  };
}
