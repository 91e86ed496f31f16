import type { Scenario } from "@portcullis/aws-sandbox";

// A small organization to grant in: the management account (connector and management roles),
// two member accounts with the member role, roles to assume, a group with a policy, a bucket;
// Identity Center with permission sets and people.

export const MGMT = "111111111111";
export const MEMBER_A = "222222222222";
export const MEMBER_B = "333333333333";
export const REGION = "us-east-1";
export const BASE_KEY = { accessKeyId: "AKIAGRANTINGBASE", secretAccessKey: "granting-base-secret" };
export const CONNECTOR_ROLE = `arn:aws:iam::${MGMT}:role/PortcullisConnectorRole`;
export const MANAGEMENT_ROLE = `arn:aws:iam::${MGMT}:role/PortcullisManagementRole`;
export const EXTERNAL_ID = "granting-external-id";
export const INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-granting0000001";
export const IDENTITY_STORE = "d-granting01";
export const PEOPLE = 6;
export const PERMISSION_SETS = 6;

export const permissionSetArn = (i: number) =>
  `arn:aws:sso:::permissionSet/ssoins-granting0000001/ps-${String(i).padStart(16, "0")}`;
export const userName = (i: number) => `person${i}@example.com`;
export const userId = (i: number) => `user-${i}`;
/** person5 is in Identity Center under another user name: found by email. */
export const RENAMED = 5;

const memberAccount = (name: string) => ({
  name,
  roles: [
    { name: "OrganizationAccountAccessRole" },
    { name: "app-readers", tags: { owner: "bob@example.com" } },
    { name: "app-admins" },
  ],
  groups: [
    {
      name: "bucket-readers",
      policies: {
        read: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${name}-data` }],
        },
      },
    },
  ],
  buckets: [
    { name: `${name}-data`, region: REGION },
    { name: `${name}-secret`, region: REGION },
  ],
});

export function grantingScenario(): Scenario {
  return {
    organization: {
      id: "o-granting01",
      managementAccountId: MGMT,
      root: {
        id: "r-gr01",
        accounts: [MGMT],
        ous: [{ id: "ou-gr01-members1", name: "Members", accounts: [MEMBER_A, MEMBER_B] }],
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
      [MEMBER_A]: memberAccount("member-a"),
      [MEMBER_B]: memberAccount("member-b"),
    },
    identityCenter: {
      instanceArn: INSTANCE_ARN,
      identityStoreId: IDENTITY_STORE,
      region: REGION,
      permissionSets: Array.from({ length: PERMISSION_SETS }, (_, i) => ({
        name: `PermissionSet${i}`,
        arn: permissionSetArn(i),
      })),
      groups: [{ id: "group-ops", displayName: "Ops" }],
      users: Array.from({ length: PEOPLE }, (_, i) => ({
        id: userId(i),
        userName: i === RENAMED ? `p${i}-idc` : userName(i),
        displayName: `Person ${i}`,
        email: userName(i),
      })),
    },
    credentials: [{ ...BASE_KEY, accountId: MGMT, arn: `arn:aws:iam::${MGMT}:user/portcullis` }],
  };
}
