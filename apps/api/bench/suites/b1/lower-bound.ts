import type { Scenario } from "@portcullis/aws-sandbox";
import type { PageSizes } from "../../../src/discovery/discovery-config.ts";
import {
  AWS_LIMITS,
  excludedAccounts,
  HOT_REGION,
  MANAGEMENT_ACCOUNT,
  MEAN_LATENCY_MS,
  visitedParents,
} from "./scenario.ts";

/** The fewest calls a discovery can make, grouped by the quota (token bucket) they draw on. */
export type CallPlan = {
  calls: number;
  byOperation: Record<string, number>;
  /** Calls per rate-limited bucket (`service:key`). */
  buckets: Map<string, { service: keyof typeof AWS_LIMITS; calls: number }>;
  /** Longest chain of calls that must follow one another for one account. */
  tailChain: string[];
  /** Resources the run must store. */
  resources: number;
};

export type LowerBound = {
  tOrg: number;
  tSts: number;
  tConc: number;
  maxBucket: { key: string; seconds: number };
  tTail: number;
  tLb: number;
  /** The term that bounds the run. */
  bound: string;
  concurrency: number;
};

const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));

class PlanBuilder {
  readonly byOperation: Record<string, number> = {};
  readonly buckets = new Map<string, { service: keyof typeof AWS_LIMITS; calls: number }>();
  calls = 0;

  add(service: keyof typeof AWS_LIMITS, operation: string, bucketKey: string, count = 1): void {
    if (count === 0) return;
    this.calls += count;
    const name = `${service}:${operation}`;
    this.byOperation[name] = (this.byOperation[name] ?? 0) + count;
    const key = `${service}:${bucketKey}`;
    const bucket = this.buckets.get(key) ?? { service, calls: 0 };
    bucket.calls += count;
    this.buckets.set(key, bucket);
  }
}

/**
 * An organization integration selecting accounts, IAM roles and S3 buckets: the OU walk (every
 * parent outside the excluded OU, each listing paged), one ListTagsForResource per account, the
 * connector and management sessions, and per member account its AssumeRole, ListRoles pages, one
 * ListRoleTags per role and ListBuckets plus one GetBucketTagging per bucket (ListBuckets names the
 * bucket's region, so no GetBucketLocation).
 */
export function organizationPlan(scenario: Scenario, pageSizes: PageSizes): CallPlan {
  const org = scenario.organization!;
  const plan = new PlanBuilder();
  const orgKey = org.id;
  plan.add("sts", "AssumeRole", "caller", 2); // connector role, then management role
  plan.add("organizations", "ListRoots", orgKey);
  const accounts: string[] = [];
  for (const parent of visitedParents(org.root)) {
    plan.add(
      "organizations",
      "ListAccountsForParent",
      orgKey,
      pages(parent.accounts.length, pageSizes.organizations),
    );
    plan.add(
      "organizations",
      "ListOrganizationalUnitsForParent",
      orgKey,
      pages(parent.ous.length, pageSizes.organizations),
    );
    accounts.push(...parent.accounts);
  }
  plan.add("organizations", "ListTagsForResource", orgKey, accounts.length);
  let resources = accounts.length;
  let tail = 0;
  for (const id of accounts) {
    const account = scenario.accounts[id]!;
    if ((account.status ?? "ACTIVE") !== "ACTIVE") continue;
    if (id !== MANAGEMENT_ACCOUNT) plan.add("sts", "AssumeRole", "caller");
    const roles = account.roles?.length ?? 0;
    const rolePages = pages(roles, pageSizes.iam);
    plan.add("iam", "ListRoles", id, rolePages);
    plan.add("iam", "ListRoleTags", id, roles);
    const buckets = account.buckets?.length ?? 0;
    const bucketPages = pages(buckets, pageSizes.s3);
    plan.add("s3", "ListBuckets", id, bucketPages);
    plan.add("s3", "GetBucketTagging", id, buckets);
    resources += roles + buckets;
    tail = Math.max(tail, rolePages + (roles > 0 ? 1 : 0), bucketPages + (buckets > 0 ? 1 : 0));
  }
  return {
    calls: plan.calls,
    byOperation: plan.byOperation,
    buckets: plan.buckets,
    tailChain: ["sts:AssumeRole", ...Array.from({ length: tail }, () => "listing → per-resource call")],
    resources,
  };
}

/**
 * The account integration on the hot-spot account (EC2 and RDS in one region): the connector
 * session and GetCallerIdentity, then the two paged listings side by side; a page needs the
 * previous page's token, so the longer listing is the chain.
 */
export function accountPlan(scenario: Scenario, pageSizes: PageSizes): CallPlan {
  const plan = new PlanBuilder();
  const region = scenario.accounts[MANAGEMENT_ACCOUNT]!.regions?.[HOT_REGION] ?? {};
  const instances = region.instances?.length ?? 0;
  const dbInstances = region.dbInstances?.length ?? 0;
  const ec2Pages = pages(instances, pageSizes.ec2);
  const rdsPages = pages(dbInstances, Math.min(100, pageSizes.rds));
  plan.add("sts", "AssumeRole", "caller");
  plan.add("sts", "GetCallerIdentity", "caller");
  plan.add("ec2", "DescribeInstances", `${MANAGEMENT_ACCOUNT}:${HOT_REGION}`, ec2Pages);
  plan.add("rds", "DescribeDBInstances", `${MANAGEMENT_ACCOUNT}:${HOT_REGION}`, rdsPages);
  return {
    calls: plan.calls,
    byOperation: plan.byOperation,
    buckets: plan.buckets,
    tailChain: [
      "sts:AssumeRole",
      "sts:GetCallerIdentity",
      ...Array.from({ length: Math.max(ec2Pages, rdsPages) }, () => "page"),
    ],
    resources: instances + dbInstances,
  };
}

const bucketSeconds = (calls: number, burst: number, refill: number) => Math.max(0, (calls - burst) / refill);

/**
 * `T_lb = max(T_org, T_sts, T_conc, max T_bucket) + T_tail` (issue #6):
 * - T_org: the Organizations quota, the larger of its token bucket and of its one-call-per-API
 *   rule (each API's calls one after another, at the mean latency);
 * - T_sts: the caller account's STS bucket;
 * - T_conc: every call at the mean latency, `concurrency` at a time;
 * - max T_bucket: the slowest per-account (IAM, S3) or per-account-region (EC2, RDS) bucket;
 * - T_tail: the longest chain of dependent calls of one account, at the mean latency.
 */
export function lowerBound(plan: CallPlan, concurrency: number): LowerBound {
  const latency = MEAN_LATENCY_MS / 1000;
  let tOrg = 0;
  let tSts = 0;
  let maxBucket = { key: "none", seconds: 0 };
  for (const [key, bucket] of plan.buckets) {
    const limit = AWS_LIMITS[bucket.service];
    const seconds = bucketSeconds(bucket.calls, limit.burst, limit.refill);
    if (bucket.service === "organizations") tOrg = Math.max(tOrg, seconds);
    else if (bucket.service === "sts") tSts = Math.max(tSts, seconds);
    else if (seconds > maxBucket.seconds || maxBucket.key === "none") maxBucket = { key, seconds };
  }
  for (const [operation, calls] of Object.entries(plan.byOperation)) {
    if (operation.startsWith("organizations:")) tOrg = Math.max(tOrg, calls * latency);
  }
  const tConc = (plan.calls * latency) / concurrency;
  const tTail = plan.tailChain.length * latency;
  const terms: Array<[string, number]> = [
    ["T_org", tOrg],
    ["T_sts", tSts],
    ["T_conc", tConc],
    [`T_bucket(${maxBucket.key})`, maxBucket.seconds],
  ];
  const [bound, top] = terms.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { tOrg, tSts, tConc, maxBucket, tTail, tLb: top + tTail, bound, concurrency };
}

export { excludedAccounts };
