import type { Connector } from "../generated/prisma/client.ts";
import type { AwsIdentity } from "./aws/aws-clients.ts";
import { classifyAwsError } from "./aws/aws-errors.ts";
import type { DiscoveryRuntime } from "./runtime.ts";
import { DiscoveryError, describeFailure } from "./sync/discovery-error.ts";

export type ConnectorRef = Pick<Connector, "id" | "roleArn" | "externalId" | "region">;

/**
 * The connector's identity: the process's credentials chain, narrowed to the connector's
 * role (assumed with its external id) when it has one.
 */
export async function connectorIdentity(
  runtime: DiscoveryRuntime,
  connector: ConnectorRef,
  signal?: AbortSignal,
): Promise<AwsIdentity> {
  const base = runtime.aws.baseIdentity(connector.id);
  if (!connector.roleArn) return base;
  try {
    return await runtime.sessions.assume(base, connector.roleArn, {
      externalId: connector.externalId,
      region: connector.region,
      signal,
    });
  } catch (error) {
    if (classifyAwsError(error) !== "denied") {
      throw new DiscoveryError(
        describeFailure(error, {
          doing: `assuming the connector role ${connector.roleArn}`,
          actions: ["sts:AssumeRole"],
        }),
        { cause: error },
      );
    }
    throw new DiscoveryError(
      {
        code: "AccessDenied",
        message: `The connector role ${connector.roleArn} cannot be assumed by the credentials of the process running Portcullis (AccessDenied).`,
        fix: `Edit the trust policy of ${connector.roleArn} to let the identity running Portcullis assume it with the external id ${connector.externalId}, and allow sts:AssumeRole on it for that identity.`,
        retryable: false,
      },
      { cause: error },
    );
  }
}

/** The management account role of an organization, assumed from the connector's identity. */
export async function managementIdentity(
  runtime: DiscoveryRuntime,
  connector: ConnectorRef,
  roleArn: string,
  region: string,
  signal?: AbortSignal,
): Promise<AwsIdentity> {
  const from = await connectorIdentity(runtime, connector, signal);
  try {
    return await runtime.sessions.assume(from, roleArn, { externalId: connector.externalId, region, signal });
  } catch (error) {
    const who = connector.roleArn ?? "the credentials of the process running Portcullis";
    if (classifyAwsError(error) !== "denied") {
      throw new DiscoveryError(
        describeFailure(error, { doing: `assuming the management account role ${roleArn}`, caller: who }),
        { cause: error },
      );
    }
    throw new DiscoveryError(
      {
        code: "AccessDenied",
        message: `The management account role ${roleArn} cannot be assumed from ${who} (AccessDenied).`,
        fix: `Check the Management Account Role ARN, and let ${who} assume ${roleArn} in its trust policy.`,
        retryable: false,
      },
      { cause: error },
    );
  }
}

/**
 * A member account's identity: its member role, assumed from the management role. The
 * management account itself is read with the management role (it has no member role).
 */
export async function memberIdentity(
  runtime: DiscoveryRuntime,
  management: AwsIdentity,
  member: { accountId: string; roleName: string; region: string; ouId?: string | null },
  signal?: AbortSignal,
): Promise<AwsIdentity> {
  if (member.accountId === management.accountId) return management;
  const roleArn = `arn:aws:iam::${member.accountId}:role/${member.roleName}`;
  try {
    return await runtime.sessions.assume(management, roleArn, { region: member.region, signal });
  } catch (error) {
    const failure = describeFailure(error, {
      doing: `assuming ${member.roleName} in ${member.accountId}`,
      accountId: member.accountId,
    });
    if (classifyAwsError(error) !== "denied") throw new DiscoveryError(failure, { cause: error });
    const manager = management.roleArn ?? "the management account role";
    const ou = member.ouId ? ` (${member.ouId})` : "";
    throw new DiscoveryError(
      {
        code: failure.code,
        message: `Role ${member.roleName} cannot be assumed in ${member.accountId} (${failure.code}).`,
        fix: `Create the role ${member.roleName} in account ${member.accountId}, or let ${manager} assume it (trust policy), or exclude the account's OU${ou}.`,
        retryable: false,
      },
      { cause: error },
    );
  }
}
