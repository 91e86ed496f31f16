import { mulberry32 } from "./prng.ts";
import type { AccountSpec, OuSpec, RegionSpec, RoleSpec, Scenario } from "./types.ts";

export type GenerateOptions = {
  // Total accounts, management account included.
  accounts: number;
  // Total OUs (excluding the extra "Excluded" OU), nested up to `depth` levels below the root.
  ous?: number;
  depth?: number;
  regions?: string[];
  // Roles per account, OrganizationAccountAccessRole included.
  rolesPerAccount?: number;
  bucketsPerAccount?: number;
  instancesPerRegion?: number;
  dbInstancesPerRegion?: number;
  usersPerAccount?: number;
  groupsPerAccount?: number;
  // Accounts (out of `accounts`) placed in a top-level OU named "Excluded", for scope tests.
  excludedOuAccounts?: number;
  seed?: number;
};

export const GENERATED_CREDENTIALS = {
  accessKeyId: "AKIAPORTCULLISDEMO",
  secretAccessKey: "portcullis-demo-secret",
} as const;

const MANAGEMENT_ID = "111111111111";
const ORG_ID = "o-gen0000001";
const ROOT_ID = "r-gen0";
const OWNERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
const ENVIRONMENTS = ["prod", "staging", "dev", "sandbox"];
const TEAMS = ["payments", "search", "platform", "data", "identity", "mobile", "growth", "security"];
const INSTANCE_TYPES = ["t3.micro", "t3.small", "m5.large", "c6i.xlarge", "r6g.large"];
const STATES = ["running", "running", "running", "stopped"] as const;
const ENGINES = ["postgres", "mysql", "aurora-postgresql", "mariadb"];

// Deterministic for a given seed, and linear in the size of the output, so thousands of
// accounts take well under a second.
export function generateScenario(options: GenerateOptions): Scenario {
  const random = mulberry32(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const hex = (length: number) => {
    let out = "";
    for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
    return out;
  };
  const regions = options.regions ?? ["us-east-1", "eu-west-1"];
  const depth = Math.max(1, options.depth ?? 2);
  const total = Math.max(1, options.accounts);
  const excluded = Math.min(options.excludedOuAccounts ?? 0, total - 1);

  const root = { id: ROOT_ID, name: "Root", accounts: [MANAGEMENT_ID] as string[], ous: [] as OuSpec[] };
  const placeable: { ou: OuSpec; level: number }[] = [];
  for (let i = 0; i < (options.ous ?? 4); i++) {
    const parents = placeable.filter((p) => p.level < depth);
    const parent = parents.length === 0 || random() < 0.4 ? undefined : pick(parents);
    const ou: OuSpec = {
      id: `ou-gen0-${String(i).padStart(8, "0")}`,
      name: `${pick(TEAMS)}-${i}`,
      accounts: [],
      ous: [],
    };
    if (parent === undefined) root.ous.push(ou);
    else parent.ou.ous!.push(ou);
    placeable.push({ ou, level: (parent?.level ?? 0) + 1 });
  }
  const excludedOu: OuSpec = { id: "ou-gen0-excluded", name: "Excluded", accounts: [], ous: [] };
  if (excluded > 0) root.ous.push(excludedOu);

  const accounts: Record<string, AccountSpec> = {};
  for (let i = 0; i < total; i++) {
    const id = i === 0 ? MANAGEMENT_ID : String(200000000000 + i);
    if (i > 0) {
      if (i <= excluded) excludedOu.accounts!.push(id);
      else if (placeable.length === 0 || random() < 0.1) root.accounts.push(id);
      else pick(placeable).ou.accounts!.push(id);
    }
    accounts[id] = generateAccount(id, i, options, regions, { random, pick, hex });
  }

  const permissionSets = [
    "AdministratorAccess",
    "ReadOnlyAccess",
    "PowerUserAccess",
    "Billing",
    "SecurityAudit",
  ];
  return {
    organization: { id: ORG_ID, managementAccountId: MANAGEMENT_ID, root },
    accounts,
    identityCenter: {
      instanceArn: "arn:aws:sso:::instance/ssoins-gen0000000000001",
      identityStoreId: "d-gen0000001",
      region: regions[0] ?? "us-east-1",
      permissionSets: permissionSets.map((name) => ({ name, description: `${name} for generated scenario` })),
      // Two people per team, each a member of their team's group.
      users: TEAMS.flatMap((team, i) =>
        [0, 1].map((n) => ({
          id: `gen-user-${i}-${n}`,
          userName: `${team}-${n}@example.com`,
          displayName: `${team} engineer ${n}`,
          email: `${team}-${n}@example.com`,
        })),
      ),
      groups: TEAMS.map((team, i) => ({
        id: `gen-group-${i}`,
        displayName: `${team}-engineers`,
        description: `${team} team`,
        members: [`gen-user-${i}-0`, `gen-user-${i}-1`],
      })),
    },
    credentials: [
      {
        ...GENERATED_CREDENTIALS,
        accountId: MANAGEMENT_ID,
        arn: `arn:aws:iam::${MANAGEMENT_ID}:user/portcullis`,
      },
    ],
  };
}

type Dice = { random: () => number; pick: <T>(items: readonly T[]) => T; hex: (length: number) => string };

function generateAccount(
  id: string,
  index: number,
  options: GenerateOptions,
  regions: string[],
  dice: Dice,
): AccountSpec {
  const { random, pick, hex } = dice;
  const owner = `${pick(OWNERS)}@example.com`;
  const environment = pick(ENVIRONMENTS);
  const roles: RoleSpec[] = [
    {
      name: "OrganizationAccountAccessRole",
      attachedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    },
  ];
  if (index === 0) {
    roles.push(
      {
        name: "PortcullisManagementRole",
        attachedPolicies: ["arn:aws:iam::aws:policy/AWSOrganizationsReadOnlyAccess"],
      },
      {
        name: "PortcullisConnectorRole",
        attachedPolicies: ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
      },
    );
  }
  for (let r = roles.length; r < (options.rolesPerAccount ?? 3); r++) {
    roles.push({
      name: `${pick(TEAMS)}-role-${r}`,
      path: r % 3 === 0 ? "/service-role/" : "/",
      tags: { owner, environment },
      attachedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    });
  }
  const regionSpecs: Record<string, RegionSpec> = {};
  for (const region of regions) {
    regionSpecs[region] = {
      instances: Array.from({ length: options.instancesPerRegion ?? 2 }, (_, n) => ({
        id: `i-${hex(17)}`,
        type: pick(INSTANCE_TYPES),
        state: pick(STATES),
        tags: { Name: `${environment}-app-${n}`, owner },
      })),
      dbInstances: Array.from({ length: options.dbInstancesPerRegion ?? 1 }, (_, n) => ({
        id: `${environment}-db-${n}`,
        engine: pick(ENGINES),
        tags: { owner, environment },
      })),
    };
  }
  return {
    name: index === 0 ? "management" : `${environment}-${pick(TEAMS)}-${index}`,
    email: `aws+${id}@example.com`,
    tags: { owner, environment, "cost-center": `cc-${1000 + Math.floor(random() * 9000)}` },
    roles,
    users: Array.from({ length: options.usersPerAccount ?? 2 }, (_, n) => ({
      name: `user-${n}`,
      tags: { owner: `${pick(OWNERS)}@example.com` },
    })),
    groups: Array.from({ length: options.groupsPerAccount ?? 2 }, (_, n) => ({ name: `group-${n}` })),
    buckets: Array.from({ length: options.bucketsPerAccount ?? 1 }, (_, n) => ({
      name: `gen-${id}-${n}`,
      region: pick(regions),
      tags: n % 2 === 0 ? { owner } : undefined,
    })),
    regions: regionSpecs,
  };
}
