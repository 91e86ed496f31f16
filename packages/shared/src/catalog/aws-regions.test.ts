import { describe, expect, it } from "vitest";
import {
  AWS_REGION_CODES,
  AWS_REGIONS,
  awsRegionLabel,
  awsRegionName,
  isAwsRegion,
  ZAwsRegion,
} from "./aws-regions.ts";

describe("AWS regions", () => {
  it("lists the commercial regions, including the newer ones", () => {
    expect(AWS_REGION_CODES.length).toBeGreaterThanOrEqual(30);
    for (const code of [
      "af-south-1",
      "ap-southeast-7",
      "ca-west-1",
      "eu-south-2",
      "il-central-1",
      "me-central-1",
      "mx-central-1",
      "sa-east-1",
      "us-west-2",
    ]) {
      expect(AWS_REGION_CODES).toContain(code);
    }
  });
  it("has well-formed, unique codes with names", () => {
    expect(new Set(AWS_REGION_CODES).size).toBe(AWS_REGION_CODES.length);
    for (const { code, name } of AWS_REGIONS) {
      expect(code).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
      expect(name.length).toBeGreaterThan(3);
    }
  });
  it("excludes other partitions", () => {
    expect(isAwsRegion("cn-north-1")).toBe(false);
    expect(isAwsRegion("us-gov-west-1")).toBe(false);
  });
  it("names regions", () => {
    expect(awsRegionName("us-east-1")).toBe("US East (N. Virginia)");
    expect(awsRegionName("xx-1")).toBe("xx-1");
    expect(awsRegionLabel("eu-west-1")).toBe("eu-west-1 — Europe (Ireland)");
    expect(awsRegionLabel("xx-1")).toBe("xx-1");
  });
  it("isAwsRegion ignores inherited properties", () => {
    expect(isAwsRegion("toString")).toBe(false);
    expect(isAwsRegion(1)).toBe(false);
  });
  it("ZAwsRegion explains missing and unknown values", () => {
    expect(ZAwsRegion.parse("eu-central-1")).toBe("eu-central-1");
    expect(ZAwsRegion.safeParse("").error?.issues[0]?.message).toBe("Select a region.");
    expect(ZAwsRegion.safeParse(undefined).error?.issues[0]?.message).toBe("Select a region.");
    expect(ZAwsRegion.safeParse("mars-1").error?.issues[0]?.message).toBe(
      "Select a region from the list, such as us-east-1.",
    );
  });
});
