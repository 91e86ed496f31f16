import { describe, expect, it } from "vitest";
import { portalStartUrl } from "./access-session.service.ts";
import { dbUserOf, permissionIdsOf, resolveTarget, TargetError } from "./access-targets.ts";

const base = { accountId: "111122223333", region: "eu-west-1", metadata: {} };

describe("what a permission on a resource grants", () => {
  it("maps each resource type to its grant target", () => {
    expect(
      resolveTarget({
        resource: { ...base, type: "aws-account-s3-bucket", externalId: "arn:aws:s3:::logs", name: "logs" },
        permission: "read-write",
        permissionSet: null,
        granteeUserName: "ann@corp.test",
      }),
    ).toEqual({ kind: "s3-bucket", accountId: "111122223333", bucketName: "logs", access: "read-write" });
    expect(
      resolveTarget({
        resource: { ...base, type: "aws-organization-account", externalId: "arn:…", name: "prod" },
        permission: "ReadOnly",
        permissionSet: {
          externalId: "arn:aws:sso:::permissionSet/i/ps-1",
          name: "ReadOnly",
          metadata: { instance_arn: "arn:aws:sso:::instance/i", identity_store_id: "d-1" },
        },
        granteeUserName: "ann",
      }),
    ).toEqual({
      kind: "sso-account-assignment",
      accountId: "111122223333",
      permissionSetArn: "arn:aws:sso:::permissionSet/i/ps-1",
      permissionSetName: "ReadOnly",
      instanceArn: "arn:aws:sso:::instance/i",
      identityStoreId: "d-1",
    });
  });

  it("says what is missing and what to do", () => {
    expect(() =>
      resolveTarget({
        resource: { ...base, type: "aws-account-rds-instance", externalId: "arn:aws:rds:…:db:x", name: "x" },
        permission: "connect",
        permissionSet: null,
        granteeUserName: "ann",
      }),
    ).toThrow(TargetError);
  });

  it("lists permissions per type, a database user from a user name, and the portal's start URL", () => {
    expect(permissionIdsOf("aws-account-ec2-instance", [])).toEqual(["ssm-session"]);
    expect(permissionIdsOf("aws-organization-account", ["A", "B"])).toEqual(["A", "B"]);
    expect(permissionIdsOf("aws-account-iam-user", [])).toEqual([]);
    expect(dbUserOf("ann.lee@corp.test")).toBe("ann_lee");
    expect(dbUserOf("9lives")).toBe("u_9lives");
    expect(portalStartUrl("https://d-1.awsapps.com/start/")).toBe("https://d-1.awsapps.com/start");
    expect(portalStartUrl("https://d-1.awsapps.com")).toBe("https://d-1.awsapps.com/start");
  });
});
