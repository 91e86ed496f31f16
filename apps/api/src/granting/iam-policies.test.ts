import { describe, expect, it } from "vitest";
import { partitionOf, policyDocumentFor, UnsafeTargetError } from "./iam-policies.ts";
import { managedUserName } from "./managed-user-name.ts";

const ACCOUNT = "222222222222";

describe("policyDocumentFor", () => {
  it("lets a role be assumed, that role only", () => {
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/team/app`;
    expect(policyDocumentFor({ kind: "iam-role", accountId: ACCOUNT, roleArn })).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "AssumeRole", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [roleArn] }],
    });
  });

  it("reads a bucket and its objects, and writes only for read-write", () => {
    const readOnly = policyDocumentFor({
      kind: "s3-bucket",
      accountId: ACCOUNT,
      bucketName: "data",
      access: "read-only",
    });
    expect(readOnly.Statement).toEqual([
      {
        Sid: "Bucket",
        Effect: "Allow",
        Action: ["s3:ListBucket", "s3:GetBucketLocation"],
        Resource: ["arn:aws:s3:::data"],
      },
      {
        Sid: "Objects",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:GetObjectVersion"],
        Resource: ["arn:aws:s3:::data/*"],
      },
    ]);
    const readWrite = policyDocumentFor({
      kind: "s3-bucket",
      accountId: ACCOUNT,
      bucketName: "data",
      access: "read-write",
    });
    const actions = readWrite.Statement.flatMap((s) => s.Action);
    expect(actions).toEqual(expect.arrayContaining(["s3:PutObject", "s3:DeleteObject", "s3:GetObject"]));
    expect(readWrite.Statement.flatMap((s) => s.Resource)).toEqual([
      "arn:aws:s3:::data",
      "arn:aws:s3:::data/*",
    ]);
    expect(actions.some((a) => a.includes("*"))).toBe(false);
  });

  it("starts Session Manager sessions on one instance with the shell document, and manages only one's own sessions", () => {
    const instanceArn = `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef0`;
    const doc = policyDocumentFor({
      kind: "ec2-instance",
      accountId: ACCOUNT,
      region: "eu-west-1",
      instanceArn,
    });
    expect(doc.Statement[0]).toMatchObject({
      Action: ["ssm:StartSession"],
      Resource: [instanceArn, `arn:aws:ssm:eu-west-1:${ACCOUNT}:document/SSM-SessionManagerRunShell`],
    });
    expect(doc.Statement[1]).toMatchObject({
      Action: ["ssm:TerminateSession", "ssm:ResumeSession"],
      Resource: [`arn:aws:ssm:eu-west-1:${ACCOUNT}:session/\${aws:username}-*`],
    });
  });

  it("connects to one database as one user", () => {
    const doc = policyDocumentFor({
      kind: "rds-instance",
      accountId: ACCOUNT,
      region: "us-east-1",
      dbiResourceId: "db-ABCDEFGHIJKL",
      dbUser: "reporting",
    });
    expect(doc.Statement).toEqual([
      {
        Sid: "Connect",
        Effect: "Allow",
        Action: ["rds-db:connect"],
        Resource: [`arn:aws:rds-db:us-east-1:${ACCOUNT}:dbuser:db-ABCDEFGHIJKL/reporting`],
      },
    ]);
  });

  it("uses the region's partition in the ARNs it builds", () => {
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
    expect(partitionOf("eu-west-1")).toBe("aws");
    const doc = policyDocumentFor(
      { kind: "s3-bucket", accountId: ACCOUNT, bucketName: "data", access: "read-only" },
      "aws-cn",
    );
    expect(doc.Statement[0]!.Resource).toEqual(["arn:aws-cn:s3:::data"]);
  });

  it.each([
    ["a wildcard role", { kind: "iam-role", accountId: ACCOUNT, roleArn: `arn:aws:iam::${ACCOUNT}:role/*` }],
    [
      "a role of another account",
      { kind: "iam-role", accountId: ACCOUNT, roleArn: "arn:aws:iam::333333333333:role/app" },
    ],
    [
      "a wildcard bucket",
      { kind: "s3-bucket", accountId: ACCOUNT, bucketName: "data*", access: "read-only" },
    ],
    [
      "a bucket with a path",
      { kind: "s3-bucket", accountId: ACCOUNT, bucketName: "data/x", access: "read-only" },
    ],
    [
      "an instance of another region",
      {
        kind: "ec2-instance",
        accountId: ACCOUNT,
        region: "us-east-1",
        instanceArn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
      },
    ],
    [
      "a wildcard database user",
      { kind: "rds-instance", accountId: ACCOUNT, region: "us-east-1", dbiResourceId: "db-ABC", dbUser: "*" },
    ],
    [
      "a wildcard database",
      { kind: "rds-instance", accountId: ACCOUNT, region: "us-east-1", dbiResourceId: "db-*", dbUser: "app" },
    ],
    ["a wildcard account", { kind: "iam-role", accountId: "*", roleArn: `arn:aws:iam::${ACCOUNT}:role/app` }],
  ] as const)("refuses %s: a policy is never wider than the target", (_, target) => {
    expect(() => policyDocumentFor(target)).toThrow(UnsafeTargetError);
  });
});

describe("managedUserName", () => {
  const person = {
    personId: "0b9d5c1e-2f43-4e7a-9a51-111111111111",
    email: "Ann.Lee@example.com",
    userName: "Ann.Lee@example.com",
  };

  it("is readable, valid for IAM and stable for a person", () => {
    const name = managedUserName(person);
    expect(name).toMatch(/^portcullis-ann\.lee-[0-9a-f]{8}$/);
    expect(name).toMatch(/^[\w+=,.@-]{1,64}$/);
    expect(managedUserName({ ...person })).toBe(name);
  });

  it("gives two people whose names sanitise alike two users", () => {
    const other = {
      ...person,
      personId: "0b9d5c1e-2f43-4e7a-9a51-222222222222",
      userName: "ann lee@example.org",
    };
    expect(managedUserName(other)).not.toBe(managedUserName(person));
  });

  it("stays within IAM's 64 characters and keeps only IAM's characters", () => {
    const name = managedUserName({ ...person, userName: `${"ü/x y*".repeat(30)}@example.com` });
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^[\w+=,.@-]+$/);
  });

  it("keeps the name the spine recorded, even after a rename", () => {
    expect(
      managedUserName({
        ...person,
        userName: "renamed@example.com",
        managedUser: { userName: "portcullis-ann.lee-1234abcd" },
      }),
    ).toBe("portcullis-ann.lee-1234abcd");
  });
});
