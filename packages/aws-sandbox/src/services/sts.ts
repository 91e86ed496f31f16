import type { Caller } from "../auth/caller.ts";
import { ApiError } from "../protocol/api-error.ts";
import { serviceError } from "../protocol/service-errors.ts";
import { leaf, node } from "../protocol/xml.ts";
import { responseElementTime } from "../state/cloud-trail.ts";
import { roleKey } from "../world/build-world.ts";
import type { WorldRole } from "../world/types.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";
import { intParam, requiredParam, stringParam } from "./params.ts";

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role(\/(?:[^/]+\/)*)([\w+=,.@-]+)$/;
const SESSION_NAME = /^[\w+=,.@-]+$/;
// AWS caps sessions obtained through role chaining at one hour, whatever the role allows.
const CHAINED_MAX_SECONDS = 3600;

function getCallerIdentity(ctx: RequestContext): string {
  const { caller } = ctx;
  return leaf("UserId", caller.userId) + leaf("Account", caller.accountId) + leaf("Arn", caller.arn);
}

function assumeRole(ctx: RequestContext): string {
  const roleArn = requiredParam(ctx, "RoleArn");
  const sessionName = requiredParam(ctx, "RoleSessionName");
  const match = ROLE_ARN.exec(roleArn);
  if (match === null) {
    throw serviceError("sts", "validation", `${roleArn} is invalid`);
  }
  if (sessionName.length < 2 || sessionName.length > 64) {
    throw serviceError(
      "sts",
      "validation",
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${sessionName.length < 2 ? "greater than or equal to 2" : "less than or equal to 64"}`,
    );
  }
  if (!SESSION_NAME.test(sessionName)) {
    throw serviceError(
      "sts",
      "validation",
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const [, accountId, path, name] = match as unknown as [string, string, string, string];
  ctx.targetAccountId = accountId;
  const requestedDuration = intParam(ctx, "DurationSeconds");
  ctx.trailRequest = {
    roleArn,
    roleSessionName: sessionName,
    ...(requestedDuration === undefined ? {} : { durationSeconds: requestedDuration }),
  };

  const role = ctx.world.roles.get(roleKey(accountId, path, name));
  const externalId = stringParam(ctx, "ExternalId");
  if (role === undefined || !mayAssume(ctx.caller, role, externalId)) {
    throw new ApiError(
      "AccessDenied",
      `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  }

  const duration = requestedDuration ?? 3600;
  if (duration < 900 || duration > 43200) {
    throw serviceError(
      "sts",
      "validation",
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  if (ctx.caller.assumedRole !== undefined && duration > CHAINED_MAX_SECONDS) {
    throw serviceError(
      "sts",
      "validation",
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  if (duration > role.maxSessionDuration) {
    throw serviceError(
      "sts",
      "validation",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }

  const session = ctx.credentials.issue(ctx.caller, role, sessionName, duration);
  // CloudTrail's AssumeRole event names the temporary key it issued: the only link between the
  // caller's key and the events the session's calls produce later (userIdentity.accessKeyId).
  ctx.trailResponse = {
    credentials: {
      accessKeyId: session.caller.accessKeyId,
      sessionToken: session.sessionToken,
      expiration: responseElementTime(session.expiresAt),
    },
    assumedRoleUser: { assumedRoleId: session.caller.userId, arn: session.caller.arn },
  };
  return (
    node(
      "Credentials",
      leaf("AccessKeyId", session.caller.accessKeyId) +
        leaf("SecretAccessKey", session.secretAccessKey) +
        leaf("SessionToken", session.sessionToken) +
        leaf("Expiration", new Date(session.expiresAt)),
    ) +
    node("AssumedRoleUser", leaf("AssumedRoleId", session.caller.userId) + leaf("Arn", session.caller.arn))
  );
}

function mayAssume(caller: Caller, role: WorldRole, externalId: string | undefined): boolean {
  if (!role.assumable) return false;
  if (role.externalId !== undefined && role.externalId !== externalId) return false;
  const trusted = role.trustedPrincipals;
  if (trusted === undefined) return true;
  return (
    trusted.includes(caller.accountId) ||
    trusted.includes(caller.arn) ||
    (caller.assumedRole !== undefined && trusted.includes(caller.assumedRole.roleArn))
  );
}

export const stsHandlers: ServiceHandlers = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
};
