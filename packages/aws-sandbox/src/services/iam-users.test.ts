import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig, type StaticCredentials } from "../test-support/clients.ts";
import { MGMT, testScenario } from "../test-support/test-scenario.ts";

const ROLE_ARN = `arn:aws:iam::${MGMT}:role/PortcullisConnectorRole`;
const OTHER_ROLE_ARN = `arn:aws:iam::${MGMT}:role/LongRole`;

let sandbox: Sandbox;
let iam: IAMClient;
beforeEach(async () => {
  const scenario = testScenario();
  scenario.accounts[MGMT]!.groups!.push({
    name: "bucket-readers",
    path: "/portcullis/",
    policies: {
      read: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::mgmt-tagged" }],
      },
    },
  });
  sandbox = await startSandbox({ scenario });
  iam = new IAMClient(clientConfig(sandbox, { maxAttempts: 1 }));
});
afterEach(() => sandbox.close());

const policy = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

async function userWithKey(name = "alice"): Promise<StaticCredentials> {
  await iam.send(new CreateUserCommand({ UserName: name, Path: "/portcullis/" }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

const assumeAs = (credentials: StaticCredentials, roleArn: string) =>
  new STSClient(clientConfig(sandbox, { credentials, maxAttempts: 1 })).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "granted" }),
  );

describe("IAM users", () => {
  it("creates a user on a path, lists it by PathPrefix, tags it and refuses a duplicate", async () => {
    const { User } = await iam.send(
      new CreateUserCommand({
        UserName: "alice",
        Path: "/portcullis/",
        Tags: [{ Key: "owner", Value: "a" }],
      }),
    );
    expect(User).toMatchObject({
      UserName: "alice",
      Path: "/portcullis/",
      Arn: `arn:aws:iam::${MGMT}:user/portcullis/alice`,
    });
    expect(User!.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    await expect(iam.send(new CreateUserCommand({ UserName: "alice" }))).rejects.toMatchObject({
      name: "EntityAlreadyExistsException",
    });
    const listed = await iam.send(new ListUsersCommand({ PathPrefix: "/portcullis/" }));
    expect(listed.Users!.map((u) => u.UserName)).toEqual(["alice"]);
    expect((await iam.send(new ListUsersCommand({}))).Users).toHaveLength(8);
    await iam.send(new TagUserCommand({ UserName: "alice", Tags: [{ Key: "team", Value: "t" }] }));
    const { Tags } = await iam.send(new ListUserTagsCommand({ UserName: "alice" }));
    expect(Tags).toEqual([
      { Key: "owner", Value: "a" },
      { Key: "team", Value: "t" },
    ]);
    expect((await iam.send(new GetUserCommand({ UserName: "alice" }))).User?.Arn).toBe(User!.Arn);
    await expect(iam.send(new GetUserCommand({ UserName: "bob" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
  });

  it("keeps inline policies and group memberships, and refuses to delete a user that has them", async () => {
    await iam.send(new CreateUserCommand({ UserName: "alice" }));
    const document = policy({
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: "arn:aws:s3:::mgmt-tagged",
    });
    await iam.send(
      new PutUserPolicyCommand({ UserName: "alice", PolicyName: "bucket", PolicyDocument: document }),
    );
    await expect(
      iam.send(new PutUserPolicyCommand({ UserName: "alice", PolicyName: "bad", PolicyDocument: "{" })),
    ).rejects.toMatchObject({ name: "MalformedPolicyDocumentException" });
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: "alice" }))).PolicyNames).toEqual([
      "bucket",
    ]);
    const got = await iam.send(new GetUserPolicyCommand({ UserName: "alice", PolicyName: "bucket" }));
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(document);

    await iam.send(new AddUserToGroupCommand({ UserName: "alice", GroupName: "group-1" }));
    await expect(
      iam.send(new AddUserToGroupCommand({ UserName: "alice", GroupName: "no-group" })),
    ).rejects.toMatchObject({ name: "NoSuchEntityException" });
    expect(
      (await iam.send(new ListGroupsForUserCommand({ UserName: "alice" }))).Groups!.map((g) => g.GroupName),
    ).toEqual(["group-1"]);

    await expect(iam.send(new DeleteUserCommand({ UserName: "alice" }))).rejects.toMatchObject({
      name: "DeleteConflictException",
    });
    await iam.send(new DeleteUserPolicyCommand({ UserName: "alice", PolicyName: "bucket" }));
    await expect(iam.send(new DeleteUserCommand({ UserName: "alice" }))).rejects.toMatchObject({
      name: "DeleteConflictException",
    });
    await iam.send(new RemoveUserFromGroupCommand({ UserName: "alice", GroupName: "group-1" }));
    await iam.send(new DeleteUserCommand({ UserName: "alice" }));
    await expect(iam.send(new GetUserCommand({ UserName: "alice" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
  });
});

describe("IAM access keys", () => {
  it("allows two keys per user, lists them and refuses deletion of a user that has one", async () => {
    const first = await userWithKey();
    await iam.send(new CreateAccessKeyCommand({ UserName: "alice" }));
    await expect(iam.send(new CreateAccessKeyCommand({ UserName: "alice" }))).rejects.toMatchObject({
      name: "LimitExceededException",
    });
    const { AccessKeyMetadata } = await iam.send(new ListAccessKeysCommand({ UserName: "alice" }));
    expect(AccessKeyMetadata!.map((k) => k.Status)).toEqual(["Active", "Active"]);
    expect(AccessKeyMetadata![0]!.AccessKeyId).toBe(first.accessKeyId);
    expect(first.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    await expect(iam.send(new DeleteUserCommand({ UserName: "alice" }))).rejects.toMatchObject({
      name: "DeleteConflictException",
    });
  });

  it("are real credentials of the user until made inactive or deleted", async () => {
    const credentials = await userWithKey();
    const sts = new STSClient(clientConfig(sandbox, { credentials, maxAttempts: 1 }));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: MGMT, Arn: `arn:aws:iam::${MGMT}:user/portcullis/alice` });

    const lastUsed = await iam.send(
      new GetAccessKeyLastUsedCommand({ AccessKeyId: credentials.accessKeyId }),
    );
    expect(lastUsed).toMatchObject({
      UserName: "alice",
      AccessKeyLastUsed: { ServiceName: "sts", Region: "us-east-1" },
    });
    expect(lastUsed.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date);

    const key = { UserName: "alice", AccessKeyId: credentials.accessKeyId };
    await iam.send(new UpdateAccessKeyCommand({ ...key, Status: "Inactive" }));
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
    });
    await iam.send(new UpdateAccessKeyCommand({ ...key, Status: "Active" }));
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toBeTruthy();
    await iam.send(new DeleteAccessKeyCommand(key));
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
    });
    expect((await iam.send(new ListAccessKeysCommand({ UserName: "alice" }))).AccessKeyMetadata).toEqual([]);
  });
});

describe("calls signed with a user's key", () => {
  it("may assume a role only while a policy allows it on that role", async () => {
    const credentials = await userWithKey();
    await expect(assumeAs(credentials, ROLE_ARN)).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining("sts:AssumeRole"),
    });
    const grant = policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE_ARN });
    await iam.send(
      new PutUserPolicyCommand({ UserName: "alice", PolicyName: "grant-1", PolicyDocument: grant }),
    );
    const assumed = await assumeAs(credentials, ROLE_ARN);
    expect(assumed.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${MGMT}:assumed-role/PortcullisConnectorRole/granted`,
    );
    await expect(assumeAs(credentials, OTHER_ROLE_ARN)).rejects.toMatchObject({ name: "AccessDenied" });

    await iam.send(new DeleteUserPolicyCommand({ UserName: "alice", PolicyName: "grant-1" }));
    await expect(assumeAs(credentials, ROLE_ARN)).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("may list a bucket only while allowed, and an explicit deny wins", async () => {
    const credentials = await userWithKey();
    const s3 = new S3Client({
      ...clientConfig(sandbox, { credentials, maxAttempts: 1 }),
      forcePathStyle: true,
    });
    const list = (bucket: string) => s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    await expect(list("mgmt-tagged")).rejects.toMatchObject({ name: "AccessDenied" });
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "alice",
        PolicyName: "read",
        PolicyDocument: policy({ Effect: "Allow", Action: "s3:List*", Resource: "arn:aws:s3:::mgmt-*" }),
      }),
    );
    await expect(list("mgmt-tagged")).resolves.toMatchObject({ Name: "mgmt-tagged", KeyCount: 0 });
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "alice",
        PolicyName: "fence",
        PolicyDocument: policy({ Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::mgmt-untagged" }),
      }),
    );
    await expect(list("mgmt-untagged")).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(list("mgmt-tagged")).resolves.toBeTruthy();
    await iam.send(new DeleteUserPolicyCommand({ UserName: "alice", PolicyName: "read" }));
    await expect(list("mgmt-tagged")).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("is allowed by its groups' policies while it is a member", async () => {
    const credentials = await userWithKey();
    const s3 = new S3Client({
      ...clientConfig(sandbox, { credentials, maxAttempts: 1 }),
      forcePathStyle: true,
    });
    const list = () => s3.send(new ListObjectsV2Command({ Bucket: "mgmt-tagged" }));
    await expect(list()).rejects.toMatchObject({ name: "AccessDenied" });
    await iam.send(new AddUserToGroupCommand({ UserName: "alice", GroupName: "bucket-readers" }));
    await expect(list()).resolves.toMatchObject({ Name: "mgmt-tagged" });
    await iam.send(new RemoveUserFromGroupCommand({ UserName: "alice", GroupName: "bucket-readers" }));
    await expect(list()).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("answers IAM calls by the same policies", async () => {
    const credentials = await userWithKey();
    const asUser = new IAMClient(clientConfig(sandbox, { credentials, maxAttempts: 1 }));
    await expect(asUser.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: "AccessDenied" });
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "alice",
        PolicyName: "self",
        PolicyDocument: policy({
          Effect: "Allow",
          Action: ["iam:GetUser", "iam:ListAccessKeys"],
          Resource: "*",
        }),
      }),
    );
    // UserName defaults to the caller, as in IAM.
    expect((await asUser.send(new GetUserCommand({}))).User?.UserName).toBe("alice");
    expect((await asUser.send(new ListAccessKeysCommand({}))).AccessKeyMetadata).toHaveLength(1);
  });
});
