import { z } from "zod";

/** Services with a client-side rate limiter. `sso` is SSO Admin, `identitystore` the Identity Store. */
export const LIMITED_SERVICES = [
  "organizations",
  "sts",
  "iam",
  "s3",
  "ec2",
  "rds",
  "sso",
  "identitystore",
  "cloudtrail",
] as const;
export type LimitedService = (typeof LIMITED_SERVICES)[number];

/**
 * A token bucket (`rate` per second, `burst` at most) plus a cap on calls in flight. For
 * Organizations the cap is per API, because AWS rejects concurrent calls to the same one.
 */
export type RateLimit = { rate: number; burst: number; concurrency: number };

/**
 * Client-side limits, shared by every call of a process to the same AWS quota: Organizations
 * per organization, STS per connector, IAM and S3 per account, EC2, RDS and SSO per
 * account-region. Set at AWS's published quotas, so discovery runs close to them.
 */
export const DEFAULT_RATE_LIMITS: Record<LimitedService, RateLimit> = {
  organizations: { rate: 5, burst: 10, concurrency: 1 },
  sts: { rate: 50, burst: 100, concurrency: 32 },
  iam: { rate: 10, burst: 20, concurrency: 8 },
  s3: { rate: 10, burst: 20, concurrency: 8 },
  // EC2's and RDS's describe calls, as AWS publishes their request token buckets.
  ec2: { rate: 20, burst: 100, concurrency: 8 },
  rds: { rate: 12, burst: 300, concurrency: 8 },
  sso: { rate: 10, burst: 20, concurrency: 4 },
  // Identity Store reads (ListUsers, ListGroups, ListGroupMemberships). AWS throttles them per
  // account and region (ThrottlingException) but publishes no per-API rate, so this is a chosen
  // default: the 20/s the sandbox gives SSO Admin, enough to read 10,000 users and 1,000 groups in
  // about a minute, and after any throttle the limiter gives up its burst (see rate-limiter.ts).
  // Lower it with DISCOVERY_RATE_LIMITS=identitystore=… when a SCIM sync or scripts share the quota.
  identitystore: { rate: 20, burst: 20, concurrency: 4 },
  // CloudTrail LookupEvents (audit ingest): AWS allows 2 requests per second per account and
  // region. With a burst of 2 the pacer keeps no burst at all, so calls go 500 ms apart.
  cloudtrail: { rate: 2, burst: 2, concurrency: 1 },
};

/** Page sizes asked for: the largest each API accepts, so listings take the fewest calls. */
export type PageSizes = {
  iam: number;
  organizations: number;
  ec2: number;
  rds: number;
  s3: number;
  sso: number;
};

export const DEFAULT_PAGE_SIZES: PageSizes = {
  iam: 1000,
  organizations: 20,
  ec2: 1000,
  rds: 100,
  s3: 1000,
  sso: 100,
};

export type DiscoveryConfig = {
  limits: Record<LimitedService, RateLimit>;
  pageSizes: PageSizes;
  /** Longest a single AWS call may take, connection included (per attempt). */
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  /** Attempts per AWS call, throttles included (the SDK's standard backoff between them). */
  maxAttempts: number;
  /** Sockets per keep-alive agent, shared by every client of the process. */
  maxSockets: number;
  /** Resources written per bulk upsert. */
  batchSize: number;
  /** Per-resource calls (tags, descriptions) run in parallel within one scope. */
  detailConcurrency: number;
  /** Lifetime asked for assumed-role sessions (chained sessions are capped at one hour by AWS). */
  sessionSeconds: number;
};

export const DEFAULT_DISCOVERY_CONFIG: DiscoveryConfig = {
  limits: DEFAULT_RATE_LIMITS,
  pageSizes: DEFAULT_PAGE_SIZES,
  requestTimeoutMs: 20_000,
  connectTimeoutMs: 5_000,
  maxAttempts: 8,
  maxSockets: 128,
  batchSize: 1000,
  detailConcurrency: 4,
  sessionSeconds: 3600,
};

const positiveInt = z.coerce.number().int().positive();

const ZDiscoveryEnv = z.object({
  DISCOVERY_REQUEST_TIMEOUT_MS: positiveInt.optional(),
  DISCOVERY_CONNECT_TIMEOUT_MS: positiveInt.optional(),
  DISCOVERY_MAX_ATTEMPTS: positiveInt.max(20).optional(),
  DISCOVERY_MAX_SOCKETS: positiveInt.optional(),
  DISCOVERY_BATCH_SIZE: positiveInt.max(5000).optional(),
  DISCOVERY_DETAIL_CONCURRENCY: positiveInt.max(64).optional(),
  /** `service=rate/burst[/concurrency],…`, e.g. `organizations=2/4,iam=5/10/4`. */
  DISCOVERY_RATE_LIMITS: z.string().optional(),
});

/** Parses `organizations=5/10,iam=10/20/8` over the defaults; throws on anything unclear. */
export function parseRateLimits(
  value: string | undefined,
  base: Record<LimitedService, RateLimit> = DEFAULT_RATE_LIMITS,
): Record<LimitedService, RateLimit> {
  const limits = { ...base };
  for (const entry of (value ?? "").split(",").map((part) => part.trim())) {
    if (entry === "") continue;
    const match = /^([a-z0-9]+)=(\d+(?:\.\d+)?)\/(\d+)(?:\/(\d+))?$/.exec(entry);
    const service = match?.[1] as LimitedService | undefined;
    if (!match || !service || !LIMITED_SERVICES.includes(service)) {
      throw new Error(
        `DISCOVERY_RATE_LIMITS: cannot read ${JSON.stringify(entry)}; write service=rate/burst[/concurrency] with service one of ${LIMITED_SERVICES.join(", ")}`,
      );
    }
    const rate = Number(match[2]);
    const burst = Number(match[3]);
    if (rate <= 0 || burst < 1)
      throw new Error(`DISCOVERY_RATE_LIMITS: ${entry}: rate and burst must be positive`);
    limits[service] = {
      rate,
      burst,
      concurrency: match[4] ? Math.max(1, Number(match[4])) : base[service].concurrency,
    };
  }
  return limits;
}

export function loadDiscoveryConfig(env: NodeJS.ProcessEnv = process.env): DiscoveryConfig {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = ZDiscoveryEnv.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid discovery configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const d = DEFAULT_DISCOVERY_CONFIG;
  return {
    ...d,
    limits: parseRateLimits(e.DISCOVERY_RATE_LIMITS),
    requestTimeoutMs: e.DISCOVERY_REQUEST_TIMEOUT_MS ?? d.requestTimeoutMs,
    connectTimeoutMs: e.DISCOVERY_CONNECT_TIMEOUT_MS ?? d.connectTimeoutMs,
    maxAttempts: e.DISCOVERY_MAX_ATTEMPTS ?? d.maxAttempts,
    maxSockets: e.DISCOVERY_MAX_SOCKETS ?? d.maxSockets,
    batchSize: e.DISCOVERY_BATCH_SIZE ?? d.batchSize,
    detailConcurrency: e.DISCOVERY_DETAIL_CONCURRENCY ?? d.detailConcurrency,
  };
}
