import {
  CreateGroupMembershipCommand,
  DeleteGroupMembershipCommand,
  DescribeGroupCommand,
  DescribeUserCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
  IdentitystoreClient,
  IsMemberInGroupsCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListUsersCommand,
  paginateListUsers,
} from "@aws-sdk/client-identitystore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig } from "../test-support/clients.ts";
import { MEMBER_KEY, testScenario } from "../test-support/test-scenario.ts";

const STORE = "d-test000001";

let sandbox: Sandbox;
let client: IdentitystoreClient;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario() });
  client = new IdentitystoreClient(clientConfig(sandbox));
});
afterAll(() => sandbox.close());

const memberIds = async (groupId: string) =>
  (
    await client.send(new ListGroupMembershipsCommand({ IdentityStoreId: STORE, GroupId: groupId }))
  ).GroupMemberships!.map((m) => m.MemberId && "UserId" in m.MemberId && m.MemberId.UserId);

describe("Identity Store users", () => {
  it("pages ListUsers with the user's names and email", async () => {
    const users = [];
    for await (const page of paginateListUsers({ client, pageSize: 2 }, { IdentityStoreId: STORE })) {
      expect(page.Users!.length).toBeLessThanOrEqual(2);
      users.push(...page.Users!);
    }
    expect(users.map((u) => u.UserId)).toEqual(["user-0", "user-1", "user-2"]);
    expect(users[1]).toMatchObject({
      UserName: "person1@example.com",
      DisplayName: "Person 1",
      Name: { GivenName: "Person", FamilyName: "1" },
      Emails: [{ Value: "person1@example.com", Primary: true }],
      IdentityStoreId: STORE,
    });
  });

  it("filters ListUsers on UserName and describes a user", async () => {
    const { Users } = await client.send(
      new ListUsersCommand({
        IdentityStoreId: STORE,
        Filters: [{ AttributePath: "UserName", AttributeValue: "person2@example.com" }],
      }),
    );
    expect(Users!.map((u) => u.UserId)).toEqual(["user-2"]);
    await expect(
      client.send(
        new ListUsersCommand({
          IdentityStoreId: STORE,
          Filters: [{ AttributePath: "Email", AttributeValue: "x" }],
        }),
      ),
    ).rejects.toMatchObject({ name: "ValidationException" });
    const user = await client.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: "user-0" }));
    expect(user.UserName).toBe("person0@example.com");
    await expect(
      client.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: "nobody" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses member accounts", async () => {
    const member = new IdentitystoreClient(clientConfig(sandbox, { credentials: MEMBER_KEY }));
    await expect(member.send(new ListUsersCommand({ IdentityStoreId: STORE }))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
  });
});

describe("Identity Store groups and memberships", () => {
  it("describes a group", async () => {
    const group = await client.send(new DescribeGroupCommand({ IdentityStoreId: STORE, GroupId: "group-3" }));
    expect(group).toMatchObject({ GroupId: "group-3", DisplayName: "Group 3", Description: "group 3" });
    await expect(
      client.send(new DescribeGroupCommand({ IdentityStoreId: STORE, GroupId: "group-x" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("lists the scenario's memberships", async () => {
    expect(await memberIds("group-0")).toEqual(["user-0", "user-1"]);
    expect(await memberIds("group-1")).toEqual([]);
  });

  it("creates, finds and deletes a membership; a duplicate is a conflict", async () => {
    const created = await client.send(
      new CreateGroupMembershipCommand({
        IdentityStoreId: STORE,
        GroupId: "group-5",
        MemberId: { UserId: "user-2" },
      }),
    );
    expect(created.MembershipId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await memberIds("group-5")).toEqual(["user-2"]);
    await expect(
      client.send(
        new CreateGroupMembershipCommand({
          IdentityStoreId: STORE,
          GroupId: "group-5",
          MemberId: { UserId: "user-2" },
        }),
      ),
    ).rejects.toMatchObject({ name: "ConflictException" });

    const found = await client.send(
      new GetGroupMembershipIdCommand({
        IdentityStoreId: STORE,
        GroupId: "group-5",
        MemberId: { UserId: "user-2" },
      }),
    );
    expect(found.MembershipId).toBe(created.MembershipId);
    const { Results } = await client.send(
      new IsMemberInGroupsCommand({
        IdentityStoreId: STORE,
        MemberId: { UserId: "user-2" },
        GroupIds: ["group-5", "group-0"],
      }),
    );
    expect(Results!.map((r) => r.MembershipExists)).toEqual([true, false]);
    const forMember = await client.send(
      new ListGroupMembershipsForMemberCommand({ IdentityStoreId: STORE, MemberId: { UserId: "user-2" } }),
    );
    expect(forMember.GroupMemberships!.map((m) => m.GroupId)).toEqual(["group-5"]);

    await client.send(
      new DeleteGroupMembershipCommand({ IdentityStoreId: STORE, MembershipId: created.MembershipId }),
    );
    expect(await memberIds("group-5")).toEqual([]);
    await expect(
      client.send(
        new DeleteGroupMembershipCommand({ IdentityStoreId: STORE, MembershipId: created.MembershipId }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses memberships of unknown users or groups", async () => {
    await expect(
      client.send(
        new CreateGroupMembershipCommand({
          IdentityStoreId: STORE,
          GroupId: "group-5",
          MemberId: { UserId: "ghost" },
        }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      client.send(
        new CreateGroupMembershipCommand({
          IdentityStoreId: STORE,
          GroupId: "nope",
          MemberId: { UserId: "user-0" },
        }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("Identity Store GetUserId", () => {
  it("finds a user by userName or by email, and refuses other attributes", async () => {
    const byName = await client.send(
      new GetUserIdCommand({
        IdentityStoreId: STORE,
        AlternateIdentifier: {
          UniqueAttribute: { AttributePath: "userName", AttributeValue: "person1@example.com" },
        },
      }),
    );
    expect(byName).toMatchObject({ UserId: "user-1", IdentityStoreId: STORE });
    const byEmail = await client.send(
      new GetUserIdCommand({
        IdentityStoreId: STORE,
        AlternateIdentifier: {
          UniqueAttribute: { AttributePath: "emails.value", AttributeValue: "person2@example.com" },
        },
      }),
    );
    expect(byEmail.UserId).toBe("user-2");
    await expect(
      client.send(
        new GetUserIdCommand({
          IdentityStoreId: STORE,
          AlternateIdentifier: {
            UniqueAttribute: { AttributePath: "userName", AttributeValue: "nobody@example.com" },
          },
        }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      client.send(
        new GetUserIdCommand({
          IdentityStoreId: STORE,
          AlternateIdentifier: {
            UniqueAttribute: { AttributePath: "displayName", AttributeValue: "Person 1" },
          },
        }),
      ),
    ).rejects.toMatchObject({ name: "ValidationException" });
  });
});
