import { describe, expect, it } from "vitest";
import { messagesOf } from "../common/issues-of.test-helper.ts";
import {
  parseOrganizationUnitIds,
  ZCredentialsRotationField,
  ZEnableAuditField,
  ZExcludedOrganizationUnitIdsField,
  ZManagementAccountRoleArnField,
  ZMemberAccountRoleNameField,
  ZProfileField,
  ZRegionField,
  ZSsoPortalField,
  ZSsoRegionField,
} from "./config-fields.schema.ts";

describe("region fields", () => {
  it("accept AWS region codes", () => {
    expect(ZRegionField.parse("us-east-1")).toBe("us-east-1");
    expect(ZSsoRegionField.parse("eu-west-1")).toBe("eu-west-1");
  });
  it("ask to select a region when missing or empty", () => {
    expect(messagesOf(ZRegionField, undefined)).toEqual(["Select a region."]);
    expect(messagesOf(ZRegionField, "")).toEqual(["Select a region."]);
    expect(messagesOf(ZSsoRegionField, "")).toEqual(["Select the AWS SSO region."]);
  });
  it("reject unknown codes, naming the value", () => {
    expect(messagesOf(ZRegionField, "us-east-9")).toEqual([
      '"us-east-9" is not an AWS region. Select a region from the list, such as us-east-1.',
    ]);
    expect(messagesOf(ZSsoRegionField, "US-EAST-1")).toEqual([
      '"US-EAST-1" is not an AWS region. Select an AWS SSO region from the list, such as us-east-1.',
    ]);
    expect(messagesOf(ZRegionField, 1)).toEqual([
      "1 is not an AWS region. Select a region from the list, such as us-east-1.",
    ]);
  });
  it("keep a huge value out of the message", () => {
    const [message] = messagesOf(ZRegionField, "x".repeat(1_000_000));
    expect(message?.length).toBeLessThan(150);
  });
});

describe("enable_audit", () => {
  it('accepts "true" and "false"; empty or absent means not set', () => {
    expect(ZEnableAuditField.parse("true")).toBe("true");
    expect(ZEnableAuditField.parse("false")).toBe("false");
    expect(ZEnableAuditField.parse("")).toBeUndefined();
    expect(ZEnableAuditField.parse(undefined)).toBeUndefined();
  });
  it.each(["yes", "TRUE", true, 1])("rejects %j", (value) => {
    expect(messagesOf(ZEnableAuditField, value)).toEqual(['Enable Audit must be "true" or "false".']);
  });
});

describe("profile", () => {
  it('defaults to "apono" when empty or absent', () => {
    expect(ZProfileField.parse(undefined)).toBe("apono");
    expect(ZProfileField.parse("")).toBe("apono");
    expect(ZProfileField.parse("   ")).toBe("apono");
  });
  it("keeps a given profile, trimmed", () => {
    expect(ZProfileField.parse(" prod-admin ")).toBe("prod-admin");
  });
  it("rejects spaces and brackets", () => {
    expect(messagesOf(ZProfileField, "my profile")).toEqual([
      "AWS Profile Name may contain only letters, digits and the characters . _ - + @ (no spaces).",
    ]);
  });
  it("rejects more than 64 characters", () => {
    expect(messagesOf(ZProfileField, "a".repeat(65))).toEqual([
      "AWS Profile Name must be at most 64 characters.",
    ]);
  });
  it("rejects non-strings", () => {
    expect(messagesOf(ZProfileField, 5)).toEqual(["Send AWS Profile Name as a string."]);
  });
});

describe("credentials_rotation_period_in_days", () => {
  it("accepts whole numbers ≥ 1 as strings, without leading zeros", () => {
    expect(ZCredentialsRotationField.parse("1")).toBe("1");
    expect(ZCredentialsRotationField.parse(" 90 ")).toBe("90");
    expect(ZCredentialsRotationField.parse("007")).toBe("7");
  });
  it("treats empty or absent as not set", () => {
    expect(ZCredentialsRotationField.parse("")).toBeUndefined();
    expect(ZCredentialsRotationField.parse(undefined)).toBeUndefined();
  });
  it.each(["0", "000", "-1", "1.5", "1e3", "ten", "+5"])("rejects %j", (value) => {
    expect(messagesOf(ZCredentialsRotationField, value)).toEqual([
      "Credential Rotation must be a whole number of days, 1 or more.",
    ]);
  });
  it("rejects numbers sent as JSON numbers, saying how to send them", () => {
    expect(messagesOf(ZCredentialsRotationField, 30)).toEqual([
      'Send Credential Rotation as a string, for example "90".',
    ]);
  });
  it("rejects absurdly long numbers", () => {
    expect(messagesOf(ZCredentialsRotationField, "9".repeat(50))).toEqual([
      "Credential Rotation must be at most 999999 days.",
    ]);
  });
});

describe("sso_portal", () => {
  it("accepts https URLs", () => {
    expect(ZSsoPortalField.parse(" https://my-org.awsapps.com/start ")).toBe(
      "https://my-org.awsapps.com/start",
    );
    expect(ZSsoPortalField.parse("https://sso.example.com/start#/")).toBe("https://sso.example.com/start#/");
  });
  it("requires a value", () => {
    expect(messagesOf(ZSsoPortalField, undefined)).toEqual(["Enter the SSO portal URL."]);
    expect(messagesOf(ZSsoPortalField, "")).toEqual(["Enter the SSO portal URL."]);
  });
  it.each([
    "http://my-org.awsapps.com/start",
    "my-org.awsapps.com/start",
    "https://",
    "https://localhost/start",
    "https://user:pass@my-org.awsapps.com/start",
    "ftp://my-org.awsapps.com",
    "javascript:alert(1)",
  ])("rejects %s", (value) => {
    expect(messagesOf(ZSsoPortalField, value)).toEqual([
      "SSO Portal must be an https:// URL, for example https://my-org.awsapps.com/start.",
    ]);
  });
  it("rejects URLs longer than 2048 characters", () => {
    expect(messagesOf(ZSsoPortalField, `https://a.com/${"a".repeat(2048)}`)).toEqual([
      "SSO Portal must be at most 2048 characters.",
    ]);
  });
});

describe("management_account_role_arn", () => {
  it("accepts role ARNs with and without a path", () => {
    expect(ZManagementAccountRoleArnField.parse("arn:aws:iam::123456789012:role/Mgmt")).toBe(
      "arn:aws:iam::123456789012:role/Mgmt",
    );
    expect(ZManagementAccountRoleArnField.parse("arn:aws:iam::123456789012:role/p/q/Mgmt")).toBe(
      "arn:aws:iam::123456789012:role/p/q/Mgmt",
    );
  });
  it("requires a value", () => {
    expect(messagesOf(ZManagementAccountRoleArnField, "")).toEqual([
      "Enter the management account role ARN.",
    ]);
  });
  it("explains the format", () => {
    expect(messagesOf(ZManagementAccountRoleArnField, "arn:aws:iam::123:role/x")).toEqual([
      "Management Account Role ARN must look like arn:aws:iam::123456789012:role/RoleName.",
    ]);
  });
  it("rejects huge values by length", () => {
    expect(messagesOf(ZManagementAccountRoleArnField, "a".repeat(3000))).toEqual([
      "Management Account Role ARN must be at most 2048 characters.",
    ]);
  });
});

describe("excluded_organization_unit_ids", () => {
  it("normalises: trims, drops empty entries and duplicates", () => {
    expect(
      ZExcludedOrganizationUnitIdsField.parse(" ou-aaa1-11111111 , ou-bbb2-22222222,ou-aaa1-11111111,, "),
    ).toBe("ou-aaa1-11111111,ou-bbb2-22222222");
    expect(parseOrganizationUnitIds("a, b,,a")).toEqual(["a", "b"]);
  });
  it("treats empty or absent as not set", () => {
    expect(ZExcludedOrganizationUnitIdsField.parse("")).toBeUndefined();
    expect(ZExcludedOrganizationUnitIdsField.parse(" , ")).toBeUndefined();
    expect(ZExcludedOrganizationUnitIdsField.parse(undefined)).toBeUndefined();
  });
  it("rejects an id of the wrong shape, naming it", () => {
    expect(messagesOf(ZExcludedOrganizationUnitIdsField, "ou-aaa1-11111111,ou-aaa1-1111")).toEqual([
      '"ou-aaa1-1111" is not a valid organizational unit ID. Use IDs like ou-aaa1-11111111, separated by commas.',
    ]);
  });
  it("names up to three invalid ids", () => {
    expect(messagesOf(ZExcludedOrganizationUnitIdsField, "a,b,c,d")).toEqual([
      '"a", "b", "c" and others are not valid organizational unit IDs. Use IDs like ou-aaa1-11111111, separated by commas.',
    ]);
    expect(messagesOf(ZExcludedOrganizationUnitIdsField, "OU-AAA1-11111111,r-abcd")).toEqual([
      '"OU-AAA1-11111111", "r-abcd" are not valid organizational unit IDs. Use IDs like ou-aaa1-11111111, separated by commas.',
    ]);
  });
  it("rejects huge lists by length", () => {
    expect(messagesOf(ZExcludedOrganizationUnitIdsField, "ou-aaa1-11111111,".repeat(1000))).toEqual([
      "Exclude Organization Unit IDs must be at most 8000 characters.",
    ]);
  });
});

describe("member_account_role_name", () => {
  it("defaults to OrganizationAccountAccessRole", () => {
    expect(ZMemberAccountRoleNameField.parse(undefined)).toBe("OrganizationAccountAccessRole");
    expect(ZMemberAccountRoleNameField.parse("")).toBe("OrganizationAccountAccessRole");
  });
  it("accepts IAM role names", () => {
    expect(ZMemberAccountRoleNameField.parse("Portcullis+Reader=1,a.b@c_d-e")).toBe(
      "Portcullis+Reader=1,a.b@c_d-e",
    );
  });
  it("rejects invalid characters", () => {
    expect(messagesOf(ZMemberAccountRoleNameField, "role/with/path")).toEqual([
      "Member Account Role Name may contain only letters, digits and the characters + = , . @ _ -",
    ]);
  });
  it("rejects more than 64 characters", () => {
    expect(messagesOf(ZMemberAccountRoleNameField, "r".repeat(65))).toEqual([
      "Member Account Role Name must be at most 64 characters.",
    ]);
  });
});
