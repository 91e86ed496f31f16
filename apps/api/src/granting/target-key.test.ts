import { describe, expect, it } from "vitest";
import { policyNameFor, targetKey } from "./target-key.ts";
import type { GrantTarget } from "./types.ts";

const PS = "arn:aws:sso:::permissionSet/ssoins-1/ps-abc";
const sso = (name = "Admin"): GrantTarget => ({
  kind: "sso-account-assignment",
  accountId: "222222222222",
  permissionSetArn: PS,
  permissionSetName: name,
  instanceArn: "arn:aws:sso:::instance/ssoins-1",
  identityStoreId: "d-1",
});

describe("targetKey", () => {
  it("names each kind of target by what it grants", () => {
    expect(targetKey(sso())).toBe(`sso:222222222222:${PS}`);
    expect(
      targetKey({ kind: "identity-center-group", identityStoreId: "d-1", groupId: "g-1", groupName: "Ops" }),
    ).toBe("idc-group:d-1:g-1");
    expect(
      targetKey({
        kind: "iam-role",
        accountId: "222222222222",
        roleArn: "arn:aws:iam::222222222222:role/app",
      }),
    ).toBe("iam-role:arn:aws:iam::222222222222:role/app");
    expect(targetKey({ kind: "iam-group", accountId: "222222222222", groupName: "devs" })).toBe(
      "iam-group:222222222222:devs",
    );
    expect(
      targetKey({
        kind: "rds-instance",
        accountId: "222222222222",
        region: "eu-west-1",
        dbiResourceId: "db-ABC",
        dbUser: "app",
      }),
    ).toBe("rds:222222222222:eu-west-1:db-ABC:app");
  });

  it("ignores display names, so a renamed permission set or group is still the same access", () => {
    expect(targetKey(sso("Admin"))).toBe(targetKey(sso("AdministratorAccess")));
    const group = (groupName: string): GrantTarget => ({
      kind: "identity-center-group",
      identityStoreId: "d-1",
      groupId: "g-1",
      groupName,
    });
    expect(targetKey(group("Ops"))).toBe(targetKey(group("Operations")));
  });

  it("tells read-only from read-write on the same bucket, and the same bucket in two accounts' names apart", () => {
    const bucket = (access: "read-only" | "read-write", accountId = "222222222222"): GrantTarget => ({
      kind: "s3-bucket",
      accountId,
      bucketName: "data",
      access,
    });
    expect(targetKey(bucket("read-only"))).not.toBe(targetKey(bucket("read-write")));
    expect(targetKey(bucket("read-only"))).not.toBe(targetKey(bucket("read-only", "333333333333")));
  });
});

describe("policyNameFor", () => {
  it("is portcullis- and 16 hex digits, stable, and differs between targets", () => {
    const role: GrantTarget = {
      kind: "iam-role",
      accountId: "222222222222",
      roleArn: "arn:aws:iam::222222222222:role/app",
    };
    const other: GrantTarget = { ...role, roleArn: "arn:aws:iam::222222222222:role/other" };
    expect(policyNameFor(role)).toMatch(/^portcullis-[0-9a-f]{16}$/);
    expect(policyNameFor(role)).toBe(policyNameFor({ ...role }));
    expect(policyNameFor(role)).not.toBe(policyNameFor(other));
  });
});
