import type { TIntegrationCheck } from "@portcullis/shared";
import type { ConnectorCheckTarget } from "./connector-check.types.ts";

/** What the setup checks need: the connector and the settings of the integration to be. */
export type IntegrationCheckTarget = {
  type: "aws-account" | "aws-organization";
  connector: ConnectorCheckTarget;
  /** `integration_config` with its defaults applied. */
  config: Record<string, string>;
  resourceTypes: string[];
};

/**
 * Runs the live checks of an integration's setup against AWS. The real implementation lives
 * with the discovery code; it never throws: every failure is a failed check with its fix.
 */
export type IntegrationChecker = { check(target: IntegrationCheckTarget): Promise<TIntegrationCheck[]> };
