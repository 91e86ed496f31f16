import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListChildren,
  paginateListOrganizationalUnitsForParent,
} from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig } from "../test-support/clients.ts";
import { MEMBER, MEMBER_KEY, MGMT, OUTSIDER_KEY, testScenario } from "../test-support/test-scenario.ts";

let sandbox: Sandbox;
let orgs: OrganizationsClient;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario() });
  orgs = new OrganizationsClient(clientConfig(sandbox));
});
afterAll(() => sandbox.close());

describe("Organizations", () => {
  it("DescribeOrganization and ListRoots", async () => {
    const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({
      Id: "o-test123456",
      MasterAccountId: MGMT,
      MasterAccountEmail: "mgmt@example.com",
      FeatureSet: "ALL",
      Arn: `arn:aws:organizations::${MGMT}:organization/o-test123456`,
    });
    const roots = await orgs.send(new ListRootsCommand({}));
    expect(roots.Roots).toEqual([
      {
        Id: "r-te57",
        Name: "Root",
        Arn: `arn:aws:organizations::${MGMT}:root/o-test123456/r-te57`,
        PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
      },
    ]);
  });

  it("ListAccounts pages hold at most 20 accounts", async () => {
    const ids: string[] = [];
    const sizes: number[] = [];
    for await (const page of paginateListAccounts({ client: orgs }, {})) {
      sizes.push(page.Accounts!.length);
      ids.push(...page.Accounts!.map((a) => a.Id!));
    }
    expect(sizes).toEqual([20, 20, 5]);
    expect(new Set(ids).size).toBe(45);
    expect(ids[0]).toBe(MGMT);
    await expect(orgs.send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({
      name: "InvalidInputException",
    });
    const member = (await orgs.send(new DescribeAccountCommand({ AccountId: MEMBER }))).Account!;
    expect(member).toMatchObject({ Id: MEMBER, Name: "member", Status: "ACTIVE", State: "ACTIVE" });
    expect(member.JoinedTimestamp).toBeInstanceOf(Date);
  });

  it("walks the tree with ListOrganizationalUnitsForParent and ListAccountsForParent", async () => {
    const ous = [];
    for await (const page of paginateListOrganizationalUnitsForParent(
      { client: orgs, pageSize: 20 },
      { ParentId: "r-te57" },
    )) {
      expect(page.OrganizationalUnits!.length).toBeLessThanOrEqual(20);
      ous.push(...page.OrganizationalUnits!);
    }
    expect(ous).toHaveLength(25);
    expect(ous[0]).toMatchObject({
      Id: "ou-te57-prod0001",
      Name: "Prod",
      Path: "o-test123456/r-te57/ou-te57-prod0001/",
    });
    const nested = await orgs.send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: "ou-te57-prod0001" }),
    );
    expect(nested.OrganizationalUnits!.map((o) => o.Name)).toEqual(["Nested"]);

    const accounts = [];
    for await (const page of paginateListAccountsForParent(
      { client: orgs, pageSize: 7 },
      { ParentId: "ou-te57-nest0001" },
    )) {
      expect(page.Accounts!.length).toBeLessThanOrEqual(7);
      accounts.push(...page.Accounts!);
    }
    expect(accounts).toHaveLength(21);
    await expect(
      orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: "ou-te57-missing0" })),
    ).rejects.toMatchObject({ name: "ParentNotFoundException" });
  });

  it("ListChildren and ListParents", async () => {
    const children = [];
    for await (const page of paginateListChildren(
      { client: orgs },
      { ParentId: "r-te57", ChildType: "ORGANIZATIONAL_UNIT" },
    )) {
      expect(page.Children!.length).toBeLessThanOrEqual(20);
      children.push(...page.Children!);
    }
    expect(children).toHaveLength(25);
    const accounts = await orgs.send(
      new ListChildrenCommand({ ParentId: "ou-te57-prod0001", ChildType: "ACCOUNT" }),
    );
    expect(accounts.Children).toEqual([
      { Id: MEMBER, Type: "ACCOUNT" },
      { Id: "333333333333", Type: "ACCOUNT" },
    ]);
    const parents = await orgs.send(new ListParentsCommand({ ChildId: "ou-te57-nest0001" }));
    expect(parents.Parents).toEqual([{ Id: "ou-te57-prod0001", Type: "ORGANIZATIONAL_UNIT" }]);
  });

  it("ListTagsForResource reads account, OU and root tags", async () => {
    expect((await orgs.send(new ListTagsForResourceCommand({ ResourceId: MEMBER }))).Tags).toEqual([
      { Key: "owner", Value: "bob@example.com" },
    ]);
    expect(
      (await orgs.send(new ListTagsForResourceCommand({ ResourceId: "ou-te57-prod0001" }))).Tags,
    ).toEqual([{ Key: "owner", Value: "ops@example.com" }]);
    expect((await orgs.send(new ListTagsForResourceCommand({ ResourceId: "r-te57" }))).Tags).toEqual([
      { Key: "scope", Value: "root" },
    ]);
    await expect(
      orgs.send(new ListTagsForResourceCommand({ ResourceId: "000000000000" })),
    ).rejects.toMatchObject({
      name: "TargetNotFoundException",
    });
  });

  it("only the management account may list; outsiders are not in an organization", async () => {
    const member = new OrganizationsClient(clientConfig(sandbox, { credentials: MEMBER_KEY }));
    await expect(member.send(new ListAccountsCommand({}))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
    // Members may still describe their organization, as in AWS.
    expect((await member.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId).toBe(MGMT);
    const outsider = new OrganizationsClient(clientConfig(sandbox, { credentials: OUTSIDER_KEY }));
    await expect(outsider.send(new DescribeOrganizationCommand({}))).rejects.toMatchObject({
      name: "AWSOrganizationsNotInUseException",
    });
  });

  it("answers UnrecognizedClientException for unknown keys", async () => {
    const client = new OrganizationsClient(
      clientConfig(sandbox, { credentials: { accessKeyId: "AKIANOPE", secretAccessKey: "x" } }),
    );
    await expect(client.send(new ListRootsCommand({}))).rejects.toMatchObject({
      name: "UnrecognizedClientException",
    });
  });
});
