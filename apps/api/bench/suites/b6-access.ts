import { loadavg } from "node:os";
import { type Scenario, startSandbox } from "@portcullis/aws-sandbox";
import pino from "pino";
import { loadConfig } from "../../src/config.ts";
import { createPrisma } from "../../src/db/prisma.ts";
import { targetKey } from "../../src/granting/index.ts";
import { jobHandlers } from "../../src/jobs/handlers.ts";
import { startQueue } from "../../src/jobs/pg-boss-queue.ts";
import { startWorkers } from "../../src/jobs/workers.ts";
import { accessJobs } from "../../src/modules/access-requests/access-jobs.ts";

// B6 (issue #18 §6): Identity Center account assignments at scale, through the product's grant and
// revoke jobs (jobs/handlers.ts: AwsAccessGranter on the worker's runtime, 30 jobs at once per
// queue) against the sandbox, which enforces Identity Center's 20 requests/s and 10 operations in
// progress, and completes each assignment operation 2 s after it started. N requests (one permission set in one account for one person each,
// no two alike, so reference counting never spares a call) are approved in one transaction; then
// all expire in the same instant and the sweeper queues their revokes.

export const IDC_RPS = 20;
/** Identity Center's other quota: account assignment operations in progress at once. */
export const IDC_OUTSTANDING = 10;
/**
 * How long the sandbox takes to complete an assignment operation (as AWS takes its time; polling
 * sooner or more often does not make it faster: the sandbox's settle-on-a-poll shortcut is off).
 */
export const OPERATION_MS = 2000;
const MGMT = "100000000000";
const REGION = "us-east-1";
const BASE_KEY = { accessKeyId: "AKIABENCHB6BASE", secretAccessKey: "b6-base-secret" };
const EXTERNAL_ID = "b6-external-id";
const CONNECTOR_ROLE = `arn:aws:iam::${MGMT}:role/PortcullisConnectorRole`;
const MANAGEMENT_ROLE = `arn:aws:iam::${MGMT}:role/PortcullisManagementRole`;
const INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-b6000000000001";
const IDENTITY_STORE = "d-b600000001";
const PS_ARN = "arn:aws:sso:::permissionSet/ssoins-b6000000000001/ps-b600000000000001";

export type B6Sizes = { requests: number; accounts: number };
export const b6Sizes = (quick: boolean): B6Sizes =>
  quick ? { requests: 100, accounts: 10 } : { requests: 1_000, accounts: 50 };

export type Phase = {
  seconds: number;
  /** Identity Center (sso) calls answered, not throttled: what the quota had to let through. */
  ssoCalls: number;
  ssoThrottled: number;
  calls: Record<string, number>;
  /**
   * The lower bound the quotas set: answered sso calls ÷ 20/s, or the operations made
   * × their 2 s ÷ 10 in progress at once, whichever is longer.
   */
  boundSeconds: number;
  /** The second of those alone: operations × 2 s ÷ 10. */
  outstandingBoundSeconds: number;
  /** The least any granter could do: create (or delete) + one status call per assignment, ÷ 20/s. */
  minimalBoundSeconds: number;
  done: number;
  failed: number;
};

export type AccessBenchResult = {
  sizes: B6Sizes;
  grant: Phase;
  expire: Phase & {
    lagP50Ms: number;
    lagP99Ms: number;
    lagMaxMs: number;
    /**
     * Lag beyond what the quotas force: the k-th revoke to end cannot end before k × (sso calls
     * per revoke) ÷ 20/s after the expiry, nor before k × 2 s ÷ 10 operations in progress, so
     * "when the quota allows" is the lag minus the longer of the two.
     */
    excessP99Ms: number;
  };
  /** Sandbox state after each phase compared with the expected one. */
  assignmentsAfterGrant: { expected: number; found: number; duplicates: number; missing: number };
  assignmentsAfterExpiry: number;
  loadAverage: { before: number[]; after: number[] };
};

const accountId = (i: number) => String(200000000000 + i);
const personName = (i: number) => `b6-user-${i}@example.com`;

function scenario(sizes: B6Sizes, users: number): Scenario {
  const members = Array.from({ length: sizes.accounts }, (_, i) => accountId(i));
  return {
    organization: {
      id: "o-bench0b6",
      managementAccountId: MGMT,
      root: {
        id: "r-b600",
        accounts: [MGMT],
        ous: [{ id: "ou-b600-members", name: "Members", accounts: members }],
      },
    },
    accounts: {
      [MGMT]: {
        name: "management",
        roles: [
          { name: "PortcullisConnectorRole", externalId: EXTERNAL_ID },
          { name: "PortcullisManagementRole", externalId: EXTERNAL_ID },
        ],
      },
      ...Object.fromEntries(members.map((id, i) => [id, { name: `member-${i}` }])),
    },
    identityCenter: {
      instanceArn: INSTANCE_ARN,
      identityStoreId: IDENTITY_STORE,
      region: REGION,
      permissionSets: [{ name: "ReadOnly", arn: PS_ARN }],
      users: Array.from({ length: users }, (_, i) => ({
        id: `b6-user-${i}`,
        userName: personName(i),
        displayName: `User ${i}`,
        email: personName(i),
      })),
    },
    credentials: [{ ...BASE_KEY, accountId: MGMT, arn: `arn:aws:iam::${MGMT}:user/portcullis` }],
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function runAccessBench(
  databaseUrl: string,
  sizes: B6Sizes,
  log: (line: string) => void,
): Promise<AccessBenchResult> {
  const users = Math.ceil(sizes.requests / sizes.accounts);
  const before = loadavg().map((n) => Math.round(n * 100) / 100);
  const sandbox = await startSandbox({
    scenario: scenario(sizes, users),
    assignmentTiming: { ms: OPERATION_MS, polls: Number.MAX_SAFE_INTEGER, maxOutstanding: IDC_OUTSTANDING },
  });
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sandbox.url,
    AWS_ACCESS_KEY_ID: BASE_KEY.accessKeyId,
    AWS_SECRET_ACCESS_KEY: BASE_KEY.secretAccessKey,
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: "true",
  });
  const logger = pino({ level: "warn" });
  const db = createPrisma(databaseUrl);
  const queue = await startQueue(databaseUrl, logger, { schedule: false });
  try {
    const config = loadConfig({ LOG_LEVEL: "warn", SECRETS_KEY: "b6-bench-secrets-key-0123456789abcdef" });
    const handlers = jobHandlers({ db, queue, logger, config });
    // The product's grant and revoke workers (jobs/workers.ts), nothing else.
    await startWorkers(queue, {
      "access.grant": handlers["access.grant"],
      "access.revoke": handlers["access.revoke"],
    });
    const sweeper = accessJobs({
      db,
      queue,
      logger,
      granter: {
        grant: () => Promise.reject(new Error("unused")),
        revoke: () => Promise.reject(new Error("unused")),
        isPresent: () => Promise.reject(new Error("unused")),
      },
      secrets: { seal: async (s: string) => s, open: async (s: string) => s } as never,
    });

    const ids = await seed(db, sizes, users);
    log(`B6: ${ids.length} requests over ${sizes.accounts} accounts and ${users} people; approving at once`);

    // Grant: every request approved in one transaction, its grant job queued with it.
    sandbox.resetCalls();
    const grantStart = performance.now();
    await db.$transaction(async (tx) => {
      await tx.accessRequest.updateMany({
        where: { id: { in: ids } },
        data: { status: "APPROVED", decidedAt: new Date() },
      });
    });
    for (const id of ids) await queue.send("access.grant", { requestId: id });
    queue.wake("access.grant");
    await waitFor(db, ids, ["GRANTED", "FAILED"], log, "granted");
    const grantSeconds = (performance.now() - grantStart) / 1000;
    const grant = phase(sandbox, grantSeconds, "Create");
    const rows = await db.accessRequest.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: true });
    grant.done = rows.find((r) => r.status === "GRANTED")?._count ?? 0;
    grant.failed = rows.find((r) => r.status === "FAILED")?._count ?? 0;
    const found = sandbox.state.assignments.list({}).map((a) => `${a.accountId}|${a.principalId}`);
    const distinct = new Set(found);
    const expected = new Set(
      Array.from(
        { length: sizes.requests },
        (_, i) => `${accountId(i % sizes.accounts)}|b6-user-${Math.floor(i / sizes.accounts)}`,
      ),
    );
    const assignmentsAfterGrant = {
      expected: expected.size,
      found: found.length,
      duplicates: found.length - distinct.size,
      missing: [...expected].filter((key) => !distinct.has(key)).length,
    };
    log(
      `B6: granted in ${grantSeconds.toFixed(1)} s; ${grant.ssoCalls} sso calls, bound ${grant.boundSeconds.toFixed(1)} s`,
    );

    // Expiry: all in the same instant. Each granted request queued its revoke delayed to its
    // expires_at (an hour ahead): both are moved to now, so every revoke comes due at once, as
    // 1,000 grants made in the same minute would. The sweeper runs once, as a tick would.
    sandbox.resetCalls();
    const expiresAt = new Date();
    await db.$transaction([
      db.accessRequest.updateMany({ where: { id: { in: ids } }, data: { expiresAt } }),
      db.$executeRawUnsafe(
        "UPDATE pgboss.job SET start_after = $1 WHERE name = 'access.revoke' AND state = 'created'",
        expiresAt,
      ),
    ]);
    const expireStart = performance.now();
    queue.wake("access.revoke");
    await sweeper.sweep();
    await waitFor(db, ids, ["EXPIRED", "FAILED"], log, "expired");
    const expireSeconds = (performance.now() - expireStart) / 1000;
    const ended = await db.accessRequest.findMany({
      where: { id: { in: ids } },
      select: { status: true, revokedAt: true },
    });
    const lags = ended.flatMap((r) => (r.revokedAt ? [r.revokedAt.getTime() - expiresAt.getTime()] : []));
    const expirePhase = phase(sandbox, expireSeconds, "Delete");
    const perRevokeMs = Math.max(
      ((expirePhase.ssoCalls / Math.max(ids.length, 1)) * 1000) / IDC_RPS,
      OPERATION_MS / IDC_OUTSTANDING,
    );
    const excess = [...lags].sort((a, b) => a - b).map((lag, k) => Math.max(0, lag - (k + 1) * perRevokeMs));
    expirePhase.done = ended.filter((r) => r.status === "EXPIRED").length;
    expirePhase.failed = ended.filter((r) => r.status === "FAILED").length;
    return {
      sizes,
      grant,
      expire: {
        ...expirePhase,
        lagP50Ms: percentile(lags, 50),
        lagP99Ms: percentile(lags, 99),
        lagMaxMs: Math.max(0, ...lags),
        excessP99Ms: percentile(excess, 99),
      },
      assignmentsAfterGrant,
      assignmentsAfterExpiry: sandbox.state.assignments.list({}).length,
      loadAverage: { before, after: loadavg().map((n) => Math.round(n * 100) / 100) },
    };
  } finally {
    await queue.stop();
    await db.$disconnect();
    await sandbox.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

function phase(
  sandbox: Awaited<ReturnType<typeof startSandbox>>,
  seconds: number,
  verb: "Create" | "Delete",
): Phase {
  const sso = sandbox.calls({ service: "sso" });
  const answered = sso.filter((c) => !c.throttled);
  const calls: Record<string, number> = {};
  for (const call of answered) calls[call.operation] = (calls[call.operation] ?? 0) + 1;
  const operations = calls[`${verb}AccountAssignment`] ?? 0;
  const outstandingBoundSeconds = (operations * OPERATION_MS) / 1000 / IDC_OUTSTANDING;
  return {
    seconds,
    ssoCalls: answered.length,
    ssoThrottled: sso.length - answered.length,
    calls,
    boundSeconds: Math.max(answered.length / IDC_RPS, outstandingBoundSeconds),
    outstandingBoundSeconds,
    minimalBoundSeconds: (operations * 2) / IDC_RPS,
    done: 0,
    failed: 0,
  };
}

async function waitFor(
  db: ReturnType<typeof createPrisma>,
  ids: string[],
  final: Array<"GRANTED" | "EXPIRED" | "FAILED">,
  log: (line: string) => void,
  what: string,
): Promise<void> {
  let last = 0;
  for (;;) {
    const done = await db.accessRequest.count({ where: { id: { in: ids }, status: { in: final } } });
    if (done === ids.length) return;
    if (done - last >= ids.length / 10) {
      log(`B6: ${done}/${ids.length} ${what}`);
      last = done;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The organization integration, its accounts and permission set, the people, and N PENDING requests. */
async function seed(db: ReturnType<typeof createPrisma>, sizes: B6Sizes, users: number): Promise<string[]> {
  const connector = await db.connector.create({
    data: {
      id: "b6-connector",
      name: "b6 connector",
      roleArn: CONNECTOR_ROLE,
      externalId: EXTERNAL_ID,
      region: REGION,
      status: "CONNECTED",
      awsAccountId: MGMT,
    },
  });
  const integration = await db.integration.create({
    data: {
      name: "B6 organization",
      type: "aws-organization",
      status: "Active",
      connectorId: connector.id,
      connectedResourceTypes: ["aws-organization-account", "aws-organization-permission-set"],
      integrationConfig: {
        region: REGION,
        sso_region: REGION,
        sso_portal: "https://b6.awsapps.com/start",
        management_account_role_arn: MANAGEMENT_ROLE,
      },
    },
  });
  const source = await db.identitySource.create({
    data: { name: "B6 staff", type: "built_in", status: "active" },
  });
  const people = [];
  for (let i = 0; i < users; i++) {
    const email = personName(i);
    people.push(
      await db.identityPerson.create({
        data: { sourceId: source.id, userName: email, userNameKey: email, email },
      }),
    );
  }
  const accounts = [];
  for (let i = 0; i < sizes.accounts; i++) {
    accounts.push(
      await db.resource.create({
        data: {
          integrationId: integration.id,
          type: "aws-organization-account",
          externalId: `arn:aws:organizations::${MGMT}:account/o-bench0b6/${accountId(i)}`,
          name: `member-${i}`,
          accountId: accountId(i),
          tags: {},
        },
      }),
    );
  }
  const ids: string[] = [];
  for (let i = 0; i < sizes.requests; i++) {
    const person = people[Math.floor(i / sizes.accounts)]!;
    const account = accounts[i % sizes.accounts]!;
    const target = {
      kind: "sso-account-assignment" as const,
      accountId: account.accountId!,
      permissionSetArn: PS_ARN,
      permissionSetName: "ReadOnly",
      instanceArn: INSTANCE_ARN,
      identityStoreId: IDENTITY_STORE,
    };
    const request = await db.accessRequest.create({
      data: {
        requesterEmail: person.email!,
        granteePersonId: person.id,
        granteeEmail: person.email!,
        flowSnapshot: {},
        durationSec: 3600,
        entitlements: {
          create: {
            integrationId: integration.id,
            integrationName: integration.name,
            resourceType: "aws-organization-account",
            resourceId: account.id,
            resourceExternalId: account.externalId,
            resourceName: account.name,
            accountId: account.accountId,
            permissionId: "ReadOnly",
            permissionName: "ReadOnly",
            targetKey: targetKey(target),
            target,
          },
        },
      },
    });
    ids.push(request.id);
  }
  return ids;
}
