import {
  type FaultRule,
  generateScenario,
  type InstanceSpec,
  type OuSpec,
  type RootSpec,
  type Scenario,
} from "@portcullis/aws-sandbox";

/** The size of a B1 organization (see issue #6): the full run, and what `--quick` shrinks it to. */
export type OrgSize = {
  /** Accounts in the organization, the excluded OU's included. */
  accounts: number;
  /** Accounts placed in the excluded OU (never to be called). */
  excluded: number;
  ous: number;
  depth: number;
  regions: string[];
  rolesPerAccount: number;
  bucketsPerAccount: number;
  instancesPerRegion: number;
  dbInstancesPerRegion: number;
  /** The hot-spot account (the management account) for the separate account integration. */
  hotInstances: number;
  hotDbInstances: number;
  seed: number;
};

export const EXCLUDED_OU = "ou-gen0-excluded";
export const MANAGEMENT_ACCOUNT = "111111111111";
export const HOT_REGION = "us-east-1";

export function orgSize(included: number, quick: boolean): OrgSize {
  const excluded = Math.round(included / 10);
  return quick
    ? {
        accounts: included + excluded,
        excluded,
        ous: 5,
        depth: 3,
        regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
        rolesPerAccount: 10,
        bucketsPerAccount: 4,
        instancesPerRegion: 3,
        dbInstancesPerRegion: 1,
        hotInstances: 2_000,
        hotDbInstances: 200,
        seed: 6,
      }
    : {
        accounts: included + excluded,
        excluded,
        ous: 50,
        depth: 3,
        regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
        rolesPerAccount: 100,
        bucketsPerAccount: 20,
        instancesPerRegion: 15,
        dbInstancesPerRegion: 5,
        hotInstances: 50_000,
        hotDbInstances: 2_000,
        seed: 6,
      };
}

/** Uniform latency bounds of every sandbox call (ms). */
export const LATENCY_MS: readonly [number, number] = [20, 50];
export const MEAN_LATENCY_MS = (LATENCY_MS[0] + LATENCY_MS[1]) / 2;

/** The limits AWS publishes (EC2, RDS) or that we assume (the rest), as the sandbox enforces them. */
export const AWS_LIMITS = {
  organizations: { burst: 10, refill: 5, per: "organization" },
  sts: { burst: 100, refill: 50, per: "caller account" },
  iam: { burst: 20, refill: 10, per: "account" },
  s3: { burst: 20, refill: 10, per: "account" },
  ec2: { burst: 100, refill: 20, per: "account-region" },
  rds: { burst: 300, refill: 12, per: "account-region" },
} as const;

export function sandboxFaults(): FaultRule[] {
  const l = AWS_LIMITS;
  return [
    { type: "latency", ms: LATENCY_MS },
    // "Another request is already in progress": one call at a time per Organizations API.
    { type: "single-flight", service: "organizations", per: "operation" },
    {
      type: "rate-limit",
      service: "organizations",
      burst: l.organizations.burst,
      refillPerSecond: l.organizations.refill,
      per: "organization",
    },
    // Every STS call of this scenario comes from the one caller account (the connector's), so the
    // caller account's bucket is the sandbox's global STS bucket (its `account` would be the
    // target account of an AssumeRole).
    { type: "rate-limit", service: "sts", burst: l.sts.burst, refillPerSecond: l.sts.refill, per: "global" },
    { type: "rate-limit", service: "iam", burst: l.iam.burst, refillPerSecond: l.iam.refill, per: "account" },
    { type: "rate-limit", service: "s3", burst: l.s3.burst, refillPerSecond: l.s3.refill, per: "account" },
    {
      type: "rate-limit",
      service: "ec2",
      burst: l.ec2.burst,
      refillPerSecond: l.ec2.refill,
      per: "account-region",
    },
    {
      type: "rate-limit",
      service: "rds",
      burst: l.rds.burst,
      refillPerSecond: l.rds.refill,
      per: "account-region",
    },
  ];
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

function hotInstances(count: number): InstanceSpec[] {
  const types = ["t3.micro", "t3.small", "m5.large", "c6i.xlarge", "r6g.large"];
  const owners = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
  return Array.from({ length: count }, (_, n) => ({
    id: `i-${hex(0x1000000 + n, 17)}`,
    type: types[n % types.length],
    state: n % 4 === 3 ? "stopped" : "running",
    availabilityZone: `${HOT_REGION}${"abc"[n % 3]}`,
    tags: {
      Name: `hot-app-${n}`,
      environment: n % 2 === 0 ? "prod" : "staging",
      ...(n % 10 === 9 ? {} : { owner: `${owners[n % owners.length]}@example.com` }),
    },
  }));
}

/**
 * The generated organization of issue #6, made fully tagged (owner tags on most), with the
 * management account as the hot spot of the account integration (tens of thousands of EC2
 * instances and thousands of RDS instances in one region).
 */
export function buildScenario(size: OrgSize): Scenario {
  const scenario = generateScenario({
    accounts: size.accounts,
    ous: size.ous,
    depth: size.depth,
    regions: size.regions,
    rolesPerAccount: size.rolesPerAccount,
    bucketsPerAccount: size.bucketsPerAccount,
    instancesPerRegion: size.instancesPerRegion,
    dbInstancesPerRegion: size.dbInstancesPerRegion,
    usersPerAccount: 0,
    groupsPerAccount: 0,
    excludedOuAccounts: size.excluded,
    seed: size.seed,
  });
  for (const account of Object.values(scenario.accounts)) {
    const environment = account.tags?.environment ?? "dev";
    const owner = account.tags?.owner ?? "alice@example.com";
    for (const role of account.roles ?? []) role.tags ??= { environment };
    account.buckets?.forEach((bucket, n) => {
      bucket.tags = n % 10 === 9 ? { environment } : { owner, environment };
    });
  }
  const hot = scenario.accounts[MANAGEMENT_ACCOUNT]!;
  hot.regions ??= {};
  hot.regions[HOT_REGION] = {
    instances: hotInstances(size.hotInstances),
    dbInstances: Array.from({ length: size.hotDbInstances }, (_, n) => ({
      id: `hot-db-${n}`,
      engine: n % 2 === 0 ? "postgres" : "mysql",
      tags: { environment: "prod", ...(n % 10 === 9 ? {} : { owner: "bob@example.com" }) },
    })),
  };
  return scenario;
}

type Parent = { id: string; accounts: string[]; ous: OuSpec[] };

/** Accounts of the excluded OU and everything under it. */
export function excludedAccounts(scenario: Scenario): string[] {
  const found: string[] = [];
  const collect = (ou: OuSpec, inside: boolean) => {
    const here = inside || ou.id === EXCLUDED_OU;
    if (here) found.push(...(ou.accounts ?? []));
    for (const child of ou.ous ?? []) collect(child, here);
  };
  for (const ou of scenario.organization?.root.ous ?? []) collect(ou, false);
  return found;
}

/** The parents the OU walk lists (root and every OU outside the excluded one). */
export function visitedParents(root: RootSpec): Parent[] {
  const parents: Parent[] = [];
  const visit = (parent: Parent) => {
    parents.push(parent);
    for (const ou of parent.ous) {
      if (ou.id !== EXCLUDED_OU) visit({ id: ou.id, accounts: ou.accounts ?? [], ous: ou.ous ?? [] });
    }
  };
  visit({ id: root.id, accounts: root.accounts ?? [], ous: root.ous ?? [] });
  return parents;
}
