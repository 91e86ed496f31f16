import { describe, expect, it } from "vitest";
import { lookupAttributes, matchesPrincipal, type SessionPrincipal } from "./session-principal.ts";

const SSO: SessionPrincipal = {
  kind: "identity-center",
  userNames: ["Alice@Example.com", "alice.idc@example.com"],
  permissionSetName: "ReadOnly",
};
const IAM: SessionPrincipal = {
  kind: "iam-user",
  userName: "portcullis-alice-1a2b3c4d",
  accessKeyIds: ["AKIAOLD"],
};

const assumed = (role: string, session: string) => ({
  type: "AssumedRole",
  arn: `arn:aws:sts::222222222222:assumed-role/${role}/${session}`,
  sessionContext: { sessionIssuer: { userName: role } },
});

describe("matchesPrincipal", () => {
  it("takes the permission set's reserved role session named after the person (case-insensitively)", () => {
    expect(
      matchesPrincipal(SSO, assumed("AWSReservedSSO_ReadOnly_0123456789abcdef", "alice@example.com")),
    ).toBe(true);
  });

  it("takes the session under the person's email too (Identity Center user found by email)", () => {
    expect(
      matchesPrincipal(SSO, assumed("AWSReservedSSO_ReadOnly_0123456789abcdef", "alice.idc@example.com")),
    ).toBe(true);
  });

  it("refuses another permission set's session, a look-alike role, another person, and IAM users", () => {
    expect(matchesPrincipal(SSO, assumed("AWSReservedSSO_Admin_0123456789abcdef", "alice@example.com"))).toBe(
      false,
    );
    expect(matchesPrincipal(SSO, assumed("ReadOnly", "alice@example.com"))).toBe(false);
    expect(
      matchesPrincipal(SSO, assumed("AWSReservedSSO_ReadOnly_0123456789abcdef", "bob@example.com")),
    ).toBe(false);
    expect(matchesPrincipal(SSO, { type: "IAMUser", userName: "alice@example.com" })).toBe(false);
  });

  it("takes the managed IAM user by name or by one of its keys, never a role session of that name", () => {
    expect(matchesPrincipal(IAM, { type: "IAMUser", userName: "portcullis-alice-1a2b3c4d" })).toBe(true);
    expect(matchesPrincipal(IAM, { type: "IAMUser", userName: "renamed", accessKeyId: "AKIAOLD" })).toBe(
      true,
    );
    expect(
      matchesPrincipal(IAM, { type: "IAMUser", userName: "someone-else", accessKeyId: "AKIAOTHER" }),
    ).toBe(false);
    expect(matchesPrincipal(IAM, assumed("app-readers", "portcullis-alice-1a2b3c4d"))).toBe(false);
  });

  it("takes a followed role session by its temporary key only, and looks it up by that key", () => {
    const session: SessionPrincipal = { kind: "assumed-session", accessKeyId: "ASIAWORK" };
    expect(matchesPrincipal(session, { ...assumed("app-readers", "work"), accessKeyId: "ASIAWORK" })).toBe(
      true,
    );
    expect(matchesPrincipal(session, { ...assumed("app-readers", "work"), accessKeyId: "ASIAOTHER" })).toBe(
      false,
    );
    expect(matchesPrincipal(session, { type: "IAMUser", accessKeyId: "ASIAWORK" })).toBe(false);
    expect(lookupAttributes(session)).toEqual([{ key: "AccessKeyId", value: "ASIAWORK" }]);
    expect(lookupAttributes(SSO)).toEqual([
      { key: "Username", value: "Alice@Example.com" },
      { key: "Username", value: "alice.idc@example.com" },
    ]);
  });
});
