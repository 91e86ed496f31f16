import type { Connector } from "../generated/prisma/client.ts";

/** Outcome of a live check of a connector's AWS access (STS identity, role assumption). */
export type ConnectorCheckResult = {
  ok: boolean;
  /** The AWS account the connector reaches, when known. */
  accountId: string | null;
  /** The identity AWS saw (sts:GetCallerIdentity), when known. */
  callerArn: string | null;
  /** For the admin: what works, or what failed and what to change. */
  message: string;
  /** Stable code for programs, e.g. "AccessDenied"; null when ok. */
  errorCode: string | null;
  warnings: string[];
  /** Which step failed, when one did: the server's credentials, or assuming the role. */
  failedStep?: "credentials" | "role";
};

/** What a check needs to know about the connector. */
export type ConnectorCheckTarget = Pick<
  Connector,
  "id" | "name" | "roleArn" | "externalId" | "region" | "isSandbox"
>;

/**
 * Checks a connector against AWS. The real implementation lives with the discovery code;
 * tests pass a double of this same type. Should not throw: failures are results.
 */
export type ConnectorChecker = { check(connector: ConnectorCheckTarget): Promise<ConnectorCheckResult> };
