import { describe, expect, it } from "vitest";
import { issuedSessionOf, parseResponseTime } from "./issued-session.ts";

const AT = new Date("2025-06-01T12:00:00Z");
const assumeRole = { eventName: "AssumeRole", eventTime: AT, errorCode: null };
const detail = (expiration: unknown) => ({
  requestParameters: { roleArn: "arn:aws:iam::222222222222:role/app-readers", roleSessionName: "work" },
  responseElements: {
    credentials: { accessKeyId: "ASIAEXAMPLE", expiration },
    assumedRoleUser: { arn: "arn:aws:sts::222222222222:assumed-role/app-readers/work" },
  },
});

describe("parseResponseTime", () => {
  it("reads CloudTrail's zone-less responseElements time as UTC, old and new styles, and ISO", () => {
    expect(parseResponseTime("Jul 19, 2023, 10:15:04 PM")).toEqual(new Date("2023-07-19T22:15:04Z"));
    expect(parseResponseTime("Sep 20, 2017 12:59:46 AM")).toEqual(new Date("2017-09-20T00:59:46Z"));
    expect(parseResponseTime("2023-07-19T22:15:04Z")).toEqual(new Date("2023-07-19T22:15:04Z"));
    expect(parseResponseTime("soon")).toBeNull();
    expect(parseResponseTime(undefined)).toBeNull();
  });
});

describe("issuedSessionOf", () => {
  it("takes the temporary key, the role's account and the expiration (to the next whole second)", () => {
    expect(issuedSessionOf(assumeRole, detail("Jun 1, 2025, 1:00:00 PM"))).toEqual({
      accessKeyId: "ASIAEXAMPLE",
      accountId: "222222222222",
      roleArn: "arn:aws:iam::222222222222:role/app-readers",
      sessionArn: "arn:aws:sts::222222222222:assumed-role/app-readers/work",
      issuedAt: AT,
      expiresAt: new Date("2025-06-01T13:00:01Z"),
    });
  });

  it("bounds a session whose expiration cannot be read by STS's longest, 12 hours", () => {
    expect(issuedSessionOf(assumeRole, detail(undefined))?.expiresAt).toEqual(
      new Date("2025-06-02T00:00:00Z"),
    );
  });

  it("ignores refused AssumeRole calls and other events", () => {
    expect(issuedSessionOf({ ...assumeRole, errorCode: "AccessDenied" }, detail(undefined))).toBeNull();
    expect(issuedSessionOf({ ...assumeRole, eventName: "GetCallerIdentity" }, detail(undefined))).toBeNull();
    expect(issuedSessionOf(assumeRole, { responseElements: null })).toBeNull();
  });
});
