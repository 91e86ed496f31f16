import {
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListGroupsCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  ListUserTagsCommand,
  paginateListGroups,
  paginateListRoles,
  paginateListUsers,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig, sessionCredentials } from "../test-support/clients.ts";
import { MEMBER, MGMT, testScenario } from "../test-support/test-scenario.ts";

let sandbox: Sandbox;
let iam: IAMClient;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario() });
  iam = new IAMClient(clientConfig(sandbox));
});
afterAll(() => sandbox.close());

async function assumed(roleArn: string): Promise<IAMClient> {
  const sts = new STSClient(clientConfig(sandbox));
  const result = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "test" }));
  return new IAMClient(clientConfig(sandbox, { credentials: sessionCredentials(result.Credentials) }));
}

describe("IAM", () => {
  it("ListRoles walks every page with Marker/IsTruncated", async () => {
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListRoles({ client: iam, pageSize: 50 }, {})) {
      pages++;
      expect(page.Roles!.length).toBeLessThanOrEqual(50);
      names.push(...page.Roles!.map((r) => r.RoleName!));
    }
    expect(pages).toBe(3);
    expect(names).toHaveLength(130);
    expect(new Set(names).size).toBe(130);

    const first = await iam.send(new ListRolesCommand({}));
    expect(first.Roles).toHaveLength(100);
    expect(first.IsTruncated).toBe(true);
    const role = first.Roles![1]!;
    expect(role).toMatchObject({
      RoleName: "PortcullisConnectorRole",
      Path: "/",
      Arn: `arn:aws:iam::${MGMT}:role/PortcullisConnectorRole`,
      MaxSessionDuration: 3600,
    });
    expect(role.RoleId).toMatch(/^AROA/);
    expect(role.CreateDate).toBeInstanceOf(Date);
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Action).toBe(
      "sts:AssumeRole",
    );
    const last = await iam.send(new ListRolesCommand({ Marker: first.Marker }));
    expect(last.IsTruncated).toBe(false);
    expect(last.Marker).toBeUndefined();
  });

  it("filters ListRoles by PathPrefix", async () => {
    const result = await iam.send(new ListRolesCommand({ PathPrefix: "/team/" }));
    expect(result.Roles!.length).toBe(62);
    expect(result.Roles!.every((r) => r.Path === "/team/")).toBe(true);
  });

  it("rejects a marker from another listing", async () => {
    const first = await iam.send(new ListRolesCommand({ MaxItems: 1 }));
    await expect(iam.send(new ListGroupsCommand({ Marker: first.Marker }))).rejects.toMatchObject({
      name: "InvalidInputException",
    });
  });

  it("ListRoleTags and ListAttachedRolePolicies read one role", async () => {
    const tags = await iam.send(new ListRoleTagsCommand({ RoleName: "PortcullisManagementRole" }));
    expect(tags.Tags).toEqual([{ Key: "app", Value: "portcullis" }]);
    expect(tags.IsTruncated).toBe(false);
    const policies = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "PortcullisConnectorRole" }),
    );
    expect(policies.AttachedPolicies).toEqual([
      {
        PolicyName: "AmazonSSMManagedInstanceCore",
        PolicyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      },
    ]);
    await expect(iam.send(new ListRoleTagsCommand({ RoleName: "Nope" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("ListUsers, ListUserTags and ListGroups page through everything", async () => {
    const users = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 3 }, {})) users.push(...page.Users!);
    expect(users.map((u) => u.UserName)).toEqual([
      "user-0",
      "user-1",
      "user-2",
      "user-3",
      "user-4",
      "user-5",
      "user-6",
    ]);
    expect(users[0]!.Arn).toBe(`arn:aws:iam::${MGMT}:user/user-0`);
    const groups = [];
    for await (const page of paginateListGroups({ client: iam, pageSize: 2 }, {}))
      groups.push(...page.Groups!);
    expect(groups).toHaveLength(5);
    expect(groups[0]).toMatchObject({
      GroupName: "group-0",
      Path: "/",
      GroupId: expect.stringMatching(/^AGPA/),
    });
    const tags = await iam.send(new ListUserTagsCommand({ UserName: "user-3" }));
    expect(tags.Tags).toEqual([{ Key: "owner", Value: "u3@example.com" }]);
  });

  it("reads the assumed role's account", async () => {
    const member = await assumed(`arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`);
    const roles = await member.send(new ListRolesCommand({}));
    expect(roles.Roles!.map((r) => r.RoleName)).toEqual(["OrganizationAccountAccessRole", "member-app"]);
    expect(sandbox.calls({ service: "iam", accountId: MEMBER })).toHaveLength(1);
  });

  it("honours a role's denied actions", async () => {
    const limited = await assumed(`arn:aws:iam::${MGMT}:role/NoIamRole`);
    await expect(limited.send(new ListRolesCommand({}))).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining("is not authorized to perform: iam:ListRoles"),
      $metadata: { httpStatusCode: 403 },
    });
  });
});
