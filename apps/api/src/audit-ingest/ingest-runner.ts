import { awsErrorCode, awsErrorMessage, classifyAwsError } from "../discovery/aws/aws-errors.ts";
import type { DiscoveryRuntime } from "../discovery/runtime.ts";
import { GrantIdentities, GrantSetupError } from "../granting/grant-identities.ts";
import { buildGrantContext, GrantContextError } from "../granting/index.ts";
import type { GrantContext } from "../granting/types.ts";
import type { Logger } from "../lib/logger.ts";
import type { ActivityStore, DueEntitlement } from "./activity-store.ts";
import { type ReadEvent, readSessionEvents } from "./cloudtrail-reader.ts";
import { nextWindow } from "./ingest-window.ts";
import type { IssuedSession } from "./issued-session.ts";
import type { SessionPrincipal } from "./session-principal.ts";

/** CloudTrail logs global services (IAM, STS) in us-east-1. */
const GLOBAL_REGION = "us-east-1";

export type IngestDeps = {
  store: ActivityStore;
  runtime: DiscoveryRuntime;
  logger: Logger;
  /** Injected so tests move time without waiting. */
  now: () => Date;
  deliveryDelayMs: number;
  /** Regions read for every grant, besides the grant's own and the integration's. */
  extraRegions: readonly string[];
  /** Entitlements read per pass. */
  batchSize?: number;
};

export type IngestReport = { entitlements: number; stored: number; done: number; failed: number };

type Plan = {
  accountId: string;
  principal: SessionPrincipal;
  regions: string[];
  /**
   * Role sessions the managed user starts are followed (their temporary keys' events are the
   * grant's too); for a granted role, only sessions of that role — another grant of the same
   * user owns the rest.
   */
  followSessions?: { roleArn: string | null };
};

type Target = {
  kind?: string;
  accountId?: string;
  region?: string;
  permissionSetName?: string;
  roleArn?: string;
};

/** What the entitlement's principal is and where its calls are logged; a string says why there is none. */
export function planOf(
  entitlement: DueEntitlement,
  ctxRegion: string,
  extraRegions: readonly string[],
): Plan | string {
  const target = (entitlement.target ?? {}) as Target;
  const accountId = target.accountId ?? entitlement.accountId;
  if (!accountId)
    return "This grant has no AWS account (an Identity Center group): its activity is not read.";
  const regions = [
    ...new Set([target.region, entitlement.region, ctxRegion, GLOBAL_REGION, ...extraRegions]),
  ].filter((r): r is string => typeof r === "string" && r !== "");
  if (target.kind === "sso-account-assignment") {
    if (!entitlement.personUserName || !target.permissionSetName)
      return "The grantee's user name or the permission set is unknown.";
    return {
      accountId,
      regions,
      principal: {
        kind: "identity-center",
        userNames: [
          entitlement.personUserName,
          ...(entitlement.personEmail ? [entitlement.personEmail] : []),
        ],
        permissionSetName: target.permissionSetName,
      },
    };
  }
  const detail = (entitlement.awsDetail ?? {}) as { managedUserName?: string };
  const userName = entitlement.managedUserName ?? detail.managedUserName;
  if (!userName) return "The grant's managed IAM user is unknown.";
  return {
    accountId,
    regions,
    principal: {
      kind: "iam-user",
      userName,
      accessKeyIds: entitlement.managedAccessKeyId ? [entitlement.managedAccessKeyId] : [],
    },
    ...followedSessions(target),
  };
}

/**
 * Which role sessions of the managed user are the grant's: for a granted role, that role's; for
 * a group, any (its policies may allow sts:AssumeRole); an S3, EC2 or RDS grant allows none.
 */
function followedSessions(target: Target): Pick<Plan, "followSessions"> {
  if (target.kind === "iam-role") return { followSessions: { roleArn: target.roleArn ?? null } };
  if (target.kind === "iam-group") return { followSessions: { roleArn: null } };
  return {};
}

/**
 * One pass of the audit ingest: for each granted (or recently ended) entitlement of an
 * integration with Enable Audit on, read its principal's CloudTrail events since the last pass
 * in each account region concerned, store them once, and move its cursor. A denied
 * LookupEvents (or a role that cannot be assumed) becomes a warning on the integration with
 * the permission to add; it is cleared by the next read that succeeds there.
 */
export async function runActivityIngest(deps: IngestDeps): Promise<IngestReport> {
  const identities = new GrantIdentities(deps.runtime);
  const now = deps.now();
  const due = await deps.store.dueEntitlements(now, deps.batchSize ?? 200);
  const report: IngestReport = { entitlements: due.length, stored: 0, done: 0, failed: 0 };
  for (const entitlement of due) {
    const outcome = await ingestOne(deps, identities, entitlement, now);
    report.stored += outcome.stored;
    if (outcome.done) report.done += 1;
    if (outcome.error) report.failed += 1;
  }
  return report;
}

type Outcome = { stored: number; done: boolean; error: string | null };

async function ingestOne(
  deps: IngestDeps,
  identities: GrantIdentities,
  entitlement: DueEntitlement,
  now: Date,
): Promise<Outcome> {
  const { store } = deps;
  const save = (outcome: Outcome, readUntil: Date | null) =>
    store
      .saveCursor({
        entitlementId: entitlement.entitlementId,
        integrationId: entitlement.integrationId,
        readUntil,
        doneAt: outcome.done ? now : null,
        ranAt: now,
        error: outcome.error,
        stored: outcome.stored,
      })
      .then(() => outcome);

  const window = nextWindow({
    grantedAt: entitlement.grantedAt,
    endedAt: entitlement.endedAt,
    readUntil: entitlement.readUntil,
    now,
    deliveryDelayMs: deps.deliveryDelayMs,
  });
  if (window === null) return { stored: 0, done: false, error: null };

  let ctx: GrantContext;
  try {
    ctx = buildGrantContext({
      integrationId: entitlement.integrationId,
      type: entitlement.integrationType,
      integrationConfig: entitlement.integrationConfig,
      connector: entitlement.connector,
    });
  } catch (error) {
    if (!(error instanceof GrantContextError)) throw error;
    return save({ stored: 0, done: false, error: `${error.message} ${error.fix}` }, null);
  }
  const plan = planOf(entitlement, ctx.region, deps.extraRegions);
  // Nothing CloudTrail could attribute to this grant: done, with the reason kept.
  if (typeof plan === "string") return save({ stored: 0, done: true, error: plan }, null);

  const warn = (region: string, code: string, message: string, fix: string) =>
    store.setWarning({
      integrationId: entitlement.integrationId,
      accountId: plan.accountId,
      region,
      code,
      message,
      fix,
      at: now,
    });

  let identity: Awaited<ReturnType<GrantIdentities["account"]>>;
  try {
    identity = await identities.account(ctx, plan.accountId);
  } catch (error) {
    if (!(error instanceof GrantSetupError))
      return save({ stored: 0, done: false, error: awsErrorMessage(error) }, null);
    await warn("*", "AssumeRoleFailed", `Audit: ${error.message}`, error.fix);
    return save({ stored: 0, done: false, error: error.message }, null);
  }
  // The account is reachable again: a warning that it was not goes.
  await store.clearWarning(entitlement.integrationId, plan.accountId, "*");

  // Every read of this pass: the principal's own events in each region, then the events of
  // each role session it started (found by the temporary key its AssumeRole event named), in
  // the role's account, over the part of the window the session was live. A session started
  // by one of those (role chaining) is followed the same way.
  type Read = {
    accountId: string;
    identity: typeof identity;
    principal: SessionPrincipal;
    start: Date;
    end: Date;
  };
  const reads: Read[] = [
    { accountId: plan.accountId, identity, principal: plan.principal, start: window.start, end: window.end },
  ];
  const followed = new Set<string>();
  const follow = async (sessions: readonly IssuedSession[]) => {
    for (const session of sessions) {
      if (followed.has(session.accessKeyId)) continue;
      followed.add(session.accessKeyId);
      const start = new Date(Math.max(window.start.getTime(), session.issuedAt.getTime()));
      // Up to now, not to the grant's end: a revoke takes the user's permission to assume the
      // role, not the temporary key already issued, which works until it expires.
      const end = new Date(Math.min(now.getTime(), session.expiresAt.getTime()));
      if (end < start) continue;
      let sessionIdentity = identity;
      if (session.accountId !== plan.accountId) {
        try {
          sessionIdentity = await identities.account(ctx, session.accountId);
          await store.clearWarning(entitlement.integrationId, session.accountId, "*");
        } catch (error) {
          if (!(error instanceof GrantSetupError)) throw error;
          // Not an account Portcullis reaches: said on the integration, the rest is still read.
          await store.setWarning({
            integrationId: entitlement.integrationId,
            accountId: session.accountId,
            region: "*",
            code: "AssumeRoleFailed",
            message: `Audit: ${error.message} A granted user's role session there is not read.`,
            fix: error.fix,
            at: now,
          });
          continue;
        }
      }
      reads.push({
        accountId: session.accountId,
        identity: sessionIdentity,
        principal: { kind: "assumed-session", accessKeyId: session.accessKeyId },
        start,
        end,
      });
    }
  };
  // The role filter applies to what the managed user assumes; a followed session's own
  // AssumeRole (role chaining) is the grant's whatever the role.
  const sessionsToFollow = (events: readonly ReadEvent[], byUser: boolean) => {
    const only = plan.followSessions;
    if (only === undefined) return [];
    return events.flatMap(({ issuedSession: s }) =>
      s != null && (!byUser || only.roleArn === null || s.roleArn === only.roleArn) ? [s] : [],
    );
  };

  let stored = 0;
  let failure: string | null = null;
  for (let i = 0; i < reads.length; i++) {
    const read = reads[i]!;
    for (const region of plan.regions) {
      try {
        const events = await readSessionEvents(deps.runtime.aws, {
          identity: read.identity,
          region,
          principal: read.principal,
          start: read.start,
          end: read.end,
        });
        const started = sessionsToFollow(events, i === 0);
        await store.saveSessions(entitlement.entitlementId, started);
        stored += await store.storeEvents(
          {
            requestId: entitlement.requestId,
            entitlementId: entitlement.entitlementId,
            personId: entitlement.personId,
            integrationId: entitlement.integrationId,
            accountId: read.accountId,
            region,
          },
          events,
        );
        await store.clearWarning(entitlement.integrationId, read.accountId, region);
        await follow(started);
      } catch (error) {
        const code = awsErrorCode(error);
        failure = `CloudTrail LookupEvents in ${read.accountId} (${region}): ${code}`;
        if (classifyAwsError(error) === "denied") {
          const who = read.identity.roleArn ?? "the credentials Portcullis runs with";
          await store.setWarning({
            integrationId: entitlement.integrationId,
            accountId: read.accountId,
            region,
            code,
            message: `Audit: CloudTrail cannot be read in account ${read.accountId} (${region}): ${code}. Activity of granted sessions there is not ingested.`,
            fix: `Allow cloudtrail:LookupEvents for ${who}.`,
            at: now,
          });
        } else {
          deps.logger.warn(
            { err: error, entitlementId: entitlement.entitlementId, region },
            "audit ingest read failed",
          );
        }
      }
    }
    // After the principal's own reads: sessions seen on earlier passes that were still live.
    if (i === 0 && plan.followSessions !== undefined) {
      await follow(await store.sessionsBetween(entitlement.entitlementId, window.start, now));
    }
  }
  // The cursor moves only when every region was read, so a failed region is read again in full.
  if (failure !== null) return save({ stored, done: false, error: failure }, null);
  // Done once the grant's window is, and every session it started has expired and the delivery
  // delay has passed after that too.
  const lastExpiry = window.final ? await store.lastSessionExpiry(entitlement.entitlementId) : null;
  const sessionsOver = lastExpiry === null || now.getTime() >= lastExpiry.getTime() + deps.deliveryDelayMs;
  return save({ stored, done: window.final && sessionsOver, error: null }, window.end);
}
