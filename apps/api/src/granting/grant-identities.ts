import type { AwsClients, AwsIdentity } from "../discovery/aws/aws-clients.ts";
import { awsErrorCode, classifyAwsError } from "../discovery/aws/aws-errors.ts";
import { type AssumeOptions, accountOfRoleArn, type RoleSessions } from "../discovery/aws/role-sessions.ts";
import type { GrantContext } from "./types.ts";

/** A grant that cannot be made with this integration's settings (not an AWS error). */
export class GrantSetupError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/** What the granter calls AWS with: the process's clients and role sessions (shared with discovery). */
export type GrantingAws = { aws: AwsClients; sessions: RoleSessions };

/**
 * The identities a grant acts as, along the chain discovery uses: the connector (its role
 * assumed with the external id), then for an organization the management role, then a member
 * account's member role. Sessions are cached by RoleSessions, so a burst of grants assumes
 * each role once.
 */
export class GrantIdentities {
  constructor(private readonly runtime: GrantingAws) {}

  /** AssumeRole; a refusal says which role could not be assumed from which, and what to change. */
  private async assume(
    from: AwsIdentity,
    roleArn: string,
    options: AssumeOptions,
    what: string,
    fix: string,
  ) {
    try {
      return await this.runtime.sessions.assume(from, roleArn, options);
    } catch (error) {
      if (classifyAwsError(error) !== "denied") throw error;
      const who = from.roleArn ?? "the credentials of the process running Portcullis";
      throw new GrantSetupError(
        `The ${what} ${roleArn} cannot be assumed from ${who} (${awsErrorCode(error)}).`,
        fix.replace("{who}", who),
      );
    }
  }

  async connector(ctx: GrantContext): Promise<AwsIdentity> {
    const base = this.runtime.aws.baseIdentity(ctx.connector.id);
    if (!ctx.connector.roleArn) return base;
    return this.assume(
      base,
      ctx.connector.roleArn,
      { externalId: ctx.connector.externalId, region: ctx.connector.region },
      "connector role",
      `Let {who} assume ${ctx.connector.roleArn} with the external id ${ctx.connector.externalId} (its trust policy), then retry.`,
    );
  }

  /** The management account role: Identity Center's caller. Organizations only. */
  async management(ctx: GrantContext): Promise<AwsIdentity> {
    if (ctx.kind !== "aws-organization") {
      throw new GrantSetupError(
        "Identity Center access is granted through an AWS organization integration; this is an account integration.",
        "Request the permission set through the organization's integration.",
      );
    }
    const from = await this.connector(ctx);
    return this.assume(
      from,
      ctx.managementRoleArn,
      { externalId: ctx.connector.externalId, region: ctx.region },
      "management account role",
      `Check the integration's Management Account Role ARN, and let {who} assume it (its trust policy), then retry.`,
    );
  }

  /** Who manages IAM in `accountId`: the connector for an account, the member role in an organization. */
  async account(ctx: GrantContext, accountId: string): Promise<AwsIdentity> {
    if (ctx.kind === "aws-account") {
      const identity = await this.connector(ctx);
      const connectorAccount = ctx.connector.roleArn ? accountOfRoleArn(ctx.connector.roleArn) : undefined;
      if (connectorAccount && connectorAccount !== accountId) {
        throw new GrantSetupError(
          `Account ${accountId} is not the integration's account (${connectorAccount}).`,
          "Request access to this account through its own integration.",
        );
      }
      return identity;
    }
    const management = await this.management(ctx);
    if (accountId === accountOfRoleArn(ctx.managementRoleArn)) return management;
    const roleArn = `arn:aws:iam::${accountId}:role/${ctx.memberRoleName}`;
    return this.assume(
      management,
      roleArn,
      { region: ctx.region },
      "member account role",
      `Create the role ${ctx.memberRoleName} in account ${accountId}, or let {who} assume it (its trust policy), then retry.`,
    );
  }
}
