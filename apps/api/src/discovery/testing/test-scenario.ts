import type { AccountSpec, RoleSpec, Scenario, Tags, UserSpec } from "@portcullis/aws-sandbox";

// A small organization whose every listing is longer than the page sizes the tests ask for
// (see TEST_PAGE_SIZES), with an excluded OU holding a nested OU, and owners tagged with the
// demo directory's people.

export const MGMT = "111111111111";
export const PROD_A = "222222222222";
export const PROD_B = "333333333333";
export const PROD_C = "444444444444";
export const DATA = "555555555555";
export const EXCLUDED = "666666666666";
export const EXCLUDED_NESTED = "777777777777";
export const SANDBOX_ACCOUNT = "888888888888";
export const SUSPENDED = "999999999999";

export const EXCLUDED_OU = "ou-test-excluded0";
export const BASE_KEY = { accessKeyId: "AKIATESTDISCOVERY", secretAccessKey: "test-discovery-secret" };
export const CONNECTOR_ROLE = `arn:aws:iam::${MGMT}:role/PortcullisConnectorRole`;
export const MANAGEMENT_ROLE = `arn:aws:iam::${MGMT}:role/PortcullisManagementRole`;
export const REGION = "us-east-1";
/** The external id ExternalIdRole's trust policy requires. */
export const EXTERNAL_ID = "expected-external-id";

/** Counts of the management account's resources, for the account integration tests. */
export const MGMT_COUNTS = {
  roles: 8,
  users: 5,
  groups: 5,
  buckets: 5,
  instances: 7,
  dbInstances: 21,
} as const;

const OWNERS = ["alice@portcullis.dev", "bob@portcullis.dev", "stranger@example.com"];

function userTags(i: number): Tags | undefined {
  if (i === 0) return { owner: OWNERS[0]!, team: "core", tier: "gold" };
  return i % 2 === 0 ? { owner: OWNERS[i % OWNERS.length]! } : undefined;
}

function managementAccount(): AccountSpec {
  const roles: RoleSpec[] = [
    {
      name: "PortcullisManagementRole",
      tags: { owner: "alice@portcullis.dev", app: "portcullis", tier: "core" },
    },
    {
      name: "PortcullisConnectorRole",
      attachedPolicies: ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
      tags: { owner: "alice@portcullis.dev" },
    },
    { name: "NoSsmRole", tags: {} },
    {
      name: "ExternalIdRole",
      externalId: EXTERNAL_ID,
      attachedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    },
    // Owner tag naming two people, one unknown to the directory, under another spelling of the key.
    { name: "shared-role", path: "/teams/", tags: { Owner: "BOB@portcullis.dev, nobody@example.com" } },
    { name: "stranger-role", tags: { owner: "stranger@example.com" } },
    { name: "untagged-role" },
    { name: "group-owned-role", tags: { owner: "Platform" } },
  ];
  return {
    name: "management",
    email: "mgmt@example.com",
    tags: { owner: "alice@portcullis.dev", environment: "management" },
    roles,
    users: Array.from(
      { length: MGMT_COUNTS.users },
      (_, i): UserSpec => ({
        name: `user-${i}`,
        tags: userTags(i),
      }),
    ),
    groups: Array.from({ length: MGMT_COUNTS.groups }, (_, i) => ({ name: `group-${i}` })),
    buckets: Array.from({ length: MGMT_COUNTS.buckets }, (_, i) => ({
      name: `mgmt-bucket-${i}`,
      region: i % 2 === 0 ? "us-east-1" : "eu-west-1",
      tags: i === 0 ? undefined : { owner: OWNERS[i % OWNERS.length]!, index: String(i) },
    })),
    regions: {
      "us-east-1": {
        instances: [
          ...Array.from({ length: MGMT_COUNTS.instances }, (_, i) => ({
            id: `i-0000000000000${String(i).padStart(4, "0")}`,
            type: "t3.micro",
            state: "running" as const,
            tags: { Name: `app-${i}`, owner: OWNERS[i % OWNERS.length]! },
          })),
          { id: "i-0000000000000dead", state: "terminated" as const, tags: { Name: "gone" } },
        ],
        dbInstances: Array.from({ length: MGMT_COUNTS.dbInstances }, (_, i) => ({
          id: `db-${i}`,
          engine: i % 2 === 0 ? "postgres" : "mysql",
          tags: { owner: OWNERS[i % OWNERS.length]! },
        })),
      },
      // Another region: the integration (us-east-1) must not list it.
      "eu-west-1": { instances: [{ id: "i-0000000000000eu01", tags: { Name: "eu" } }], dbInstances: [] },
    },
  };
}

function memberAccount(name: string, options: { roles?: number; deny?: boolean } = {}): AccountSpec {
  return {
    name,
    email: `${name}@example.com`,
    tags: { owner: "bob@portcullis.dev", team: name },
    roles: [
      { name: "OrganizationAccountAccessRole", assumable: options.deny ? false : undefined },
      ...Array.from({ length: options.roles ?? 3 }, (_, i) => ({
        name: `${name}-role-${i}`,
        tags: { owner: OWNERS[i % OWNERS.length]! },
      })),
    ],
    buckets: [
      { name: `${name}-bucket-a`, region: "us-east-1", tags: { owner: "alice@portcullis.dev" } },
      { name: `${name}-bucket-b`, region: "eu-west-1" },
      { name: `${name}-bucket-c`, region: "us-east-1" },
    ],
  };
}

export type TestScenarioOptions = {
  /** Member accounts whose member role cannot be assumed. */
  deniedMembers?: string[];
};

export function testScenario(options: TestScenarioOptions = {}): Scenario {
  const denied = new Set(options.deniedMembers ?? []);
  const member = (id: string, name: string) => memberAccount(name, { deny: denied.has(id) });
  return {
    organization: {
      id: "o-testdisc01",
      managementAccountId: MGMT,
      root: {
        id: "r-test",
        name: "Root",
        accounts: [MGMT, SUSPENDED],
        ous: [
          {
            id: "ou-test-prod00001",
            name: "Production",
            accounts: [PROD_A, PROD_B, PROD_C],
            ous: [{ id: "ou-test-data00001", name: "Data", accounts: [DATA] }],
          },
          {
            id: EXCLUDED_OU,
            name: "Excluded",
            accounts: [EXCLUDED],
            ous: [{ id: "ou-test-nested001", name: "Nested", accounts: [EXCLUDED_NESTED] }],
          },
          { id: "ou-test-sandbox01", name: "Sandbox", accounts: [SANDBOX_ACCOUNT] },
        ],
      },
    },
    accounts: {
      [MGMT]: managementAccount(),
      [PROD_A]: member(PROD_A, "prod-a"),
      [PROD_B]: member(PROD_B, "prod-b"),
      [PROD_C]: member(PROD_C, "prod-c"),
      [DATA]: member(DATA, "data"),
      [EXCLUDED]: member(EXCLUDED, "excluded"),
      [EXCLUDED_NESTED]: member(EXCLUDED_NESTED, "excluded-nested"),
      [SANDBOX_ACCOUNT]: member(SANDBOX_ACCOUNT, "sandbox"),
      [SUSPENDED]: { ...member(SUSPENDED, "suspended"), status: "SUSPENDED" },
    },
    identityCenter: {
      instanceArn: "arn:aws:sso:::instance/ssoins-test000000000001",
      identityStoreId: "d-test000001",
      region: REGION,
      permissionSets: ["AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess"].map((name) => ({
        name,
        description: `${name} for tests`,
        sessionDuration: "PT4H",
      })),
      groups: ["Platform Engineers", "Payments Team", "Security Auditors"].map((displayName, i) => ({
        id: `group-${i}`,
        displayName,
      })),
    },
    credentials: [{ ...BASE_KEY, accountId: MGMT, arn: `arn:aws:iam::${MGMT}:user/portcullis` }],
  };
}
