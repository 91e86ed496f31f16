import { describe, expect, it } from "vitest";
import {
  AWS_PROFILE_PATTERN,
  AWS_TAG_KEY_PATTERN,
  IAM_ROLE_ARN_EXAMPLE,
  IAM_ROLE_ARN_PATTERN,
  IAM_ROLE_NAME_PATTERN,
  OU_ID_EXAMPLE,
  OU_ID_PATTERN,
} from "./aws-formats.ts";

describe("IAM_ROLE_ARN_PATTERN", () => {
  it.each([
    IAM_ROLE_ARN_EXAMPLE,
    "arn:aws:iam::000000000000:role/portcullis/management/PortcullisReader",
    "arn:aws:iam::123456789012:role/a+b=c,d.e@f_g-h",
  ])("accepts %s", (arn) => expect(IAM_ROLE_ARN_PATTERN.test(arn)).toBe(true));
  it.each([
    "arn:aws:iam::12345678901:role/x",
    "arn:aws:iam::123456789012:user/x",
    "arn:aws-cn:iam::123456789012:role/x",
    "arn:aws:iam::123456789012:role/",
    "arn:aws:iam::123456789012:role/path/",
    "arn:aws:iam::123456789012:role/has space",
    `arn:aws:iam::123456789012:role/${"a".repeat(65)}`,
  ])("rejects %s", (arn) => expect(IAM_ROLE_ARN_PATTERN.test(arn)).toBe(false));
  it("does not backtrack catastrophically", () => {
    const started = performance.now();
    IAM_ROLE_ARN_PATTERN.test(`arn:aws:iam::123456789012:role/${"a/".repeat(20_000)}!`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("other AWS formats", () => {
  it("role names", () => {
    expect(IAM_ROLE_NAME_PATTERN.test("OrganizationAccountAccessRole")).toBe(true);
    expect(IAM_ROLE_NAME_PATTERN.test("bad name")).toBe(false);
  });
  it("OU ids", () => {
    expect(OU_ID_PATTERN.test(OU_ID_EXAMPLE)).toBe(true);
    expect(OU_ID_PATTERN.test("ou-aaa1-1111")).toBe(false);
    expect(OU_ID_PATTERN.test("ou-AAA1-11111111")).toBe(false);
    expect(OU_ID_PATTERN.test("ou-abc-11111111")).toBe(false);
  });
  it("tag keys allow Unicode letters and AWS punctuation", () => {
    expect(AWS_TAG_KEY_PATTERN.test("owner")).toBe(true);
    expect(AWS_TAG_KEY_PATTERN.test("team:Propriétaire / app=x+y-z@1")).toBe(true);
    expect(AWS_TAG_KEY_PATTERN.test("owner#1")).toBe(false);
  });
  it("profile names", () => {
    expect(AWS_PROFILE_PATTERN.test("apono")).toBe(true);
    expect(AWS_PROFILE_PATTERN.test("my profile")).toBe(false);
    expect(AWS_PROFILE_PATTERN.test("[default]")).toBe(false);
  });
});
