import { IAMClient, ListAttachedRolePoliciesCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import {
  IdentitystoreClient,
  ListGroupMembershipsCommand,
  ListGroupsCommand,
  ListUsersCommand,
} from "@aws-sdk/client-identitystore";
import { OrganizationsClient, paginateListAccounts } from "@aws-sdk/client-organizations";
import { ListInstancesCommand, ListPermissionSetsCommand, SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig, type StaticCredentials, sessionCredentials } from "../test-support/clients.ts";
import { DEMO_SCENARIO_PATH } from "./load-scenario.ts";

const DEMO_KEY = { accessKeyId: "AKIAPORTCULLISDEMO", secretAccessKey: "portcullis-demo-secret" };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: DEMO_SCENARIO_PATH });
});
afterAll(() => sandbox.close());

async function assume(
  roleArn: string,
  credentials: StaticCredentials = DEMO_KEY,
): Promise<StaticCredentials> {
  const sts = new STSClient(clientConfig(sandbox, { credentials }));
  const result = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "demo" }));
  return sessionCredentials(result.Credentials);
}

describe("demo scenario", () => {
  it("is a healthy organization: every member account has its access role", async () => {
    const management = await assume("arn:aws:iam::111111111111:role/PortcullisManagementRole");
    const orgs = new OrganizationsClient(clientConfig(sandbox, { credentials: management }));
    const accounts = [];
    for await (const page of paginateListAccounts({ client: orgs }, {})) accounts.push(...page.Accounts!);
    expect(accounts).toHaveLength(5);

    for (const account of accounts.filter((a) => a.Id !== "111111111111")) {
      const member = await assume(
        `arn:aws:iam::${account.Id}:role/OrganizationAccountAccessRole`,
        management,
      );
      const roles = await new IAMClient(clientConfig(sandbox, { credentials: member })).send(
        new ListRolesCommand({}),
      );
      expect(roles.Roles!.map((r) => r.RoleName)).toContain("OrganizationAccountAccessRole");
    }
  });

  it("has the connector role with SSM access and Identity Center content", async () => {
    const iam = new IAMClient(clientConfig(sandbox, { credentials: DEMO_KEY }));
    const policies = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "PortcullisConnectorRole" }),
    );
    expect(policies.AttachedPolicies!.map((p) => p.PolicyName)).toContain("AmazonSSMManagedInstanceCore");

    const sso = new SSOAdminClient(clientConfig(sandbox, { credentials: DEMO_KEY }));
    const [instance] = (await sso.send(new ListInstancesCommand({}))).Instances!;
    const sets = await sso.send(new ListPermissionSetsCommand({ InstanceArn: instance!.InstanceArn }));
    expect(sets.PermissionSets!.length).toBeGreaterThanOrEqual(3);
    const store = new IdentitystoreClient(clientConfig(sandbox, { credentials: DEMO_KEY }));
    const storeId = instance!.IdentityStoreId;
    const groups = await store.send(new ListGroupsCommand({ IdentityStoreId: storeId }));
    const platform = groups.Groups!.find((g) => g.DisplayName === "Platform Engineers");
    expect(platform).toBeDefined();
    // Identity Center people, matching the demo's owners, and who is in which group.
    const users = (await store.send(new ListUsersCommand({ IdentityStoreId: storeId }))).Users!;
    expect(users.map((u) => u.UserName)).toContain("alice@portcullis.dev");
    const members = await store.send(
      new ListGroupMembershipsCommand({ IdentityStoreId: storeId, GroupId: platform!.GroupId }),
    );
    const alice = users.find((u) => u.UserName === "alice@portcullis.dev")!;
    expect(
      members.GroupMemberships!.map((m) => m.MemberId && "UserId" in m.MemberId && m.MemberId.UserId),
    ).toContain(alice.UserId);
  });
});
