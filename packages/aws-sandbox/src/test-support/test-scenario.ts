import type { Scenario } from "../scenario/types.ts";

export const MGMT = "111111111111";
export const MEMBER = "222222222222";
export const BROKEN = "333333333333";
export const OUTSIDER = "999999999999";

export const BASE_KEY = { accessKeyId: "AKIATESTBASE", secretAccessKey: "test-secret" };
export const MEMBER_KEY = { accessKeyId: "AKIATESTMEMBER", secretAccessKey: "member-secret" };
export const OUTSIDER_KEY = { accessKeyId: "AKIATESTOUTSIDER", secretAccessKey: "outsider-secret" };

const many = <T>(count: number, make: (index: number) => T): T[] =>
  Array.from({ length: count }, (_, i) => make(i));

// Small but with enough of everything to cross page boundaries: 45 accounts, 130 roles in
// the management account, 27 instances and 45 databases in one member region.
export function testScenario(): Scenario {
  const fillerAccounts = many(42, (i) => String(400000000000 + i));
  const accounts: Scenario["accounts"] = {
    [MGMT]: {
      name: "management",
      email: "mgmt@example.com",
      tags: { owner: "alice@example.com" },
      roles: [
        { name: "PortcullisManagementRole", tags: { app: "portcullis" } },
        {
          name: "PortcullisConnectorRole",
          attachedPolicies: ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
        },
        { name: "ExternalRole", externalId: "secret-ext-id" },
        { name: "LockedRole", assumable: false },
        { name: "TrustingRole", trustedPrincipals: ["123456789012"] },
        { name: "LongRole", maxSessionDuration: 43200 },
        { name: "NoIamRole", denyActions: ["iam:List*"] },
        ...many(123, (i) => ({
          name: `filler-${String(i).padStart(3, "0")}`,
          path: i % 2 === 0 ? "/team/" : "/",
        })),
      ],
      users: many(7, (i) => ({ name: `user-${i}`, tags: { owner: `u${i}@example.com` } })),
      groups: many(5, (i) => ({ name: `group-${i}` })),
      buckets: [
        { name: "mgmt-tagged", region: "eu-west-1", tags: { owner: "alice@example.com", env: "prod" } },
        { name: "mgmt-untagged", region: "us-east-1" },
        ...many(8, (i) => ({ name: `mgmt-bulk-${i}`, region: "us-east-1" })),
      ],
    },
    [MEMBER]: {
      name: "member",
      tags: { owner: "bob@example.com" },
      roles: [
        {
          name: "OrganizationAccountAccessRole",
          attachedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        },
        { name: "member-app", tags: { owner: "carol@example.com" } },
      ],
      users: [{ name: "member-user" }],
      buckets: [{ name: "member-bucket", region: "us-east-1", tags: { owner: "bob@example.com" } }],
      regions: {
        "us-east-1": {
          instances: many(27, (i) => ({
            id: `i-${String(i).padStart(17, "0")}`,
            type: i % 3 === 0 ? "m5.large" : "t3.micro",
            state: i % 4 === 0 ? "stopped" : "running",
            tags: { Name: `app-${i}`, owner: "bob@example.com" },
            reservationId: `r-${String(Math.floor(i / 2)).padStart(17, "0")}`,
          })),
          dbInstances: many(45, (i) => ({
            id: `db-${i}`,
            engine: i % 2 === 0 ? "postgres" : "mysql",
            tags: { owner: "bob@example.com" },
          })),
        },
      },
    },
    // In the organization but without the member role: AssumeRole fails.
    [BROKEN]: { name: "broken", roles: [] },
    [OUTSIDER]: { name: "outsider", roles: [{ name: "OrganizationAccountAccessRole" }] },
  };
  for (const id of fillerAccounts)
    accounts[id] = { name: `filler-${id}`, roles: [{ name: "OrganizationAccountAccessRole" }] };

  return {
    organization: {
      id: "o-test123456",
      managementAccountId: MGMT,
      root: {
        id: "r-te57",
        name: "Root",
        accounts: [MGMT],
        tags: { scope: "root" },
        ous: [
          {
            id: "ou-te57-prod0001",
            name: "Prod",
            accounts: [MEMBER, BROKEN],
            tags: { owner: "ops@example.com" },
            ous: [{ id: "ou-te57-nest0001", name: "Nested", accounts: fillerAccounts.slice(0, 21) }],
          },
          { id: "ou-te57-dev00001", name: "Dev", accounts: fillerAccounts.slice(21) },
          ...many(23, (i) => ({ id: `ou-te57-empty${String(i).padStart(3, "0")}`, name: `Empty ${i}` })),
        ],
      },
    },
    accounts,
    identityCenter: {
      instanceArn: "arn:aws:sso:::instance/ssoins-test000000000001",
      identityStoreId: "d-test000001",
      region: "us-east-1",
      permissionSets: many(23, (i) => ({ name: `PermissionSet${i}`, description: `set ${i}` })),
      groups: many(12, (i) => ({
        id: `group-${i}`,
        displayName: `Group ${i}`,
        description: `group ${i}`,
        members: i === 0 ? ["user-0", "user-1"] : undefined,
      })),
      users: many(3, (i) => ({
        id: `user-${i}`,
        userName: `person${i}@example.com`,
        displayName: `Person ${i}`,
        givenName: "Person",
        familyName: String(i),
        email: `person${i}@example.com`,
      })),
    },
    credentials: [
      { ...BASE_KEY, accountId: MGMT, arn: `arn:aws:iam::${MGMT}:user/portcullis` },
      { ...MEMBER_KEY, accountId: MEMBER, arn: `arn:aws:iam::${MEMBER}:user/member-user` },
      { ...OUTSIDER_KEY, accountId: OUTSIDER, arn: `arn:aws:iam::${OUTSIDER}:user/outsider` },
    ],
  };
}
