import { IdentitystoreClient, ListGroupsCommand, paginateListGroups } from "@aws-sdk/client-identitystore";
import {
  DescribePermissionSetCommand,
  ListInstancesCommand,
  paginateListPermissionSets,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig } from "../test-support/clients.ts";
import { MEMBER_KEY, MGMT, testScenario } from "../test-support/test-scenario.ts";

const INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-test000000000001";

let sandbox: Sandbox;
let sso: SSOAdminClient;
let identityStore: IdentitystoreClient;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario() });
  sso = new SSOAdminClient(clientConfig(sandbox));
  identityStore = new IdentitystoreClient(clientConfig(sandbox));
});
afterAll(() => sandbox.close());

describe("SSO Admin", () => {
  it("ListInstances finds the instance in its region only", async () => {
    const { Instances } = await sso.send(new ListInstancesCommand({}));
    expect(Instances).toEqual([
      expect.objectContaining({
        InstanceArn: INSTANCE_ARN,
        IdentityStoreId: "d-test000001",
        OwnerAccountId: MGMT,
        Status: "ACTIVE",
      }),
    ]);
    const elsewhere = new SSOAdminClient(clientConfig(sandbox, { region: "eu-west-1" }));
    expect((await elsewhere.send(new ListInstancesCommand({}))).Instances).toEqual([]);
  });

  it("pages ListPermissionSets and describes each", async () => {
    const arns: string[] = [];
    for await (const page of paginateListPermissionSets(
      { client: sso, pageSize: 10 },
      { InstanceArn: INSTANCE_ARN },
    )) {
      expect(page.PermissionSets!.length).toBeLessThanOrEqual(10);
      arns.push(...page.PermissionSets!);
    }
    expect(arns).toHaveLength(23);
    expect(arns[0]).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-test000000000001\/ps-[a-z2-7]{16}$/);
    const { PermissionSet } = await sso.send(
      new DescribePermissionSetCommand({ InstanceArn: INSTANCE_ARN, PermissionSetArn: arns[3] }),
    );
    expect(PermissionSet).toMatchObject({
      Name: "PermissionSet3",
      Description: "set 3",
      SessionDuration: "PT1H",
    });
    expect(PermissionSet?.CreatedDate).toBeInstanceOf(Date);
    await expect(
      sso.send(
        new DescribePermissionSetCommand({ InstanceArn: INSTANCE_ARN, PermissionSetArn: `${arns[0]}x` }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses member accounts", async () => {
    const member = new SSOAdminClient(clientConfig(sandbox, { credentials: MEMBER_KEY }));
    await expect(member.send(new ListInstancesCommand({}))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
  });
});

describe("Identity Store", () => {
  it("pages ListGroups", async () => {
    const groups = [];
    for await (const page of paginateListGroups(
      { client: identityStore, pageSize: 5 },
      { IdentityStoreId: "d-test000001" },
    )) {
      expect(page.Groups!.length).toBeLessThanOrEqual(5);
      groups.push(...page.Groups!);
    }
    expect(groups).toHaveLength(12);
    expect(groups[0]).toEqual({
      GroupId: "group-0",
      DisplayName: "Group 0",
      Description: "group 0",
      IdentityStoreId: "d-test000001",
    });
  });

  it("filters by DisplayName and refuses unknown stores and member accounts", async () => {
    const filtered = await identityStore.send(
      new ListGroupsCommand({
        IdentityStoreId: "d-test000001",
        Filters: [{ AttributePath: "DisplayName", AttributeValue: "Group 7" }],
      }),
    );
    expect(filtered.Groups!.map((g) => g.GroupId)).toEqual(["group-7"]);
    await expect(
      identityStore.send(new ListGroupsCommand({ IdentityStoreId: "d-other" })),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    const member = new IdentitystoreClient(clientConfig(sandbox, { credentials: MEMBER_KEY }));
    await expect(
      member.send(new ListGroupsCommand({ IdentityStoreId: "d-test000001" })),
    ).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
  });
});
