import { z } from "zod";

/**
 * Commercial AWS regions (the `aws` partition) with their console display names.
 * China, GovCloud and sovereign-cloud regions live in other partitions, which the ARN
 * formats we accept (`arn:aws:…`) exclude as well.
 */
export const AWS_REGION_NAMES = {
  "af-south-1": "Africa (Cape Town)",
  "ap-east-1": "Asia Pacific (Hong Kong)",
  "ap-east-2": "Asia Pacific (Taipei)",
  "ap-northeast-1": "Asia Pacific (Tokyo)",
  "ap-northeast-2": "Asia Pacific (Seoul)",
  "ap-northeast-3": "Asia Pacific (Osaka)",
  "ap-south-1": "Asia Pacific (Mumbai)",
  "ap-south-2": "Asia Pacific (Hyderabad)",
  "ap-southeast-1": "Asia Pacific (Singapore)",
  "ap-southeast-2": "Asia Pacific (Sydney)",
  "ap-southeast-3": "Asia Pacific (Jakarta)",
  "ap-southeast-4": "Asia Pacific (Melbourne)",
  "ap-southeast-5": "Asia Pacific (Malaysia)",
  "ap-southeast-6": "Asia Pacific (New Zealand)",
  "ap-southeast-7": "Asia Pacific (Thailand)",
  "ca-central-1": "Canada (Central)",
  "ca-west-1": "Canada West (Calgary)",
  "eu-central-1": "Europe (Frankfurt)",
  "eu-central-2": "Europe (Zurich)",
  "eu-north-1": "Europe (Stockholm)",
  "eu-south-1": "Europe (Milan)",
  "eu-south-2": "Europe (Spain)",
  "eu-west-1": "Europe (Ireland)",
  "eu-west-2": "Europe (London)",
  "eu-west-3": "Europe (Paris)",
  "il-central-1": "Israel (Tel Aviv)",
  "me-central-1": "Middle East (UAE)",
  "me-south-1": "Middle East (Bahrain)",
  "mx-central-1": "Mexico (Central)",
  "sa-east-1": "South America (São Paulo)",
  "us-east-1": "US East (N. Virginia)",
  "us-east-2": "US East (Ohio)",
  "us-west-1": "US West (N. California)",
  "us-west-2": "US West (Oregon)",
} as const;

export type TAwsRegion = keyof typeof AWS_REGION_NAMES;

/** Region codes in display order (alphabetical by code, as the AWS console lists them). */
export const AWS_REGION_CODES = Object.keys(AWS_REGION_NAMES) as [TAwsRegion, ...TAwsRegion[]];

/** `{ code, name }` pairs for dropdowns. */
export const AWS_REGIONS: ReadonlyArray<{ code: TAwsRegion; name: string }> = AWS_REGION_CODES.map(
  (code) => ({
    code,
    name: AWS_REGION_NAMES[code],
  }),
);

export function isAwsRegion(value: unknown): value is TAwsRegion {
  return typeof value === "string" && Object.hasOwn(AWS_REGION_NAMES, value);
}

/** "US East (N. Virginia)" for "us-east-1"; the code itself when unknown. */
export function awsRegionName(code: string): string {
  return isAwsRegion(code) ? AWS_REGION_NAMES[code] : code;
}

/** Dropdown label, e.g. "us-east-1 — US East (N. Virginia)". */
export function awsRegionLabel(code: string): string {
  return isAwsRegion(code) ? `${code} — ${AWS_REGION_NAMES[code]}` : code;
}

/** Any commercial region code; the message is for a generic "Region" field. */
export const ZAwsRegion = z.enum(AWS_REGION_CODES, {
  error: (issue) =>
    issue.input === undefined || issue.input === null || issue.input === ""
      ? "Select a region."
      : "Select a region from the list, such as us-east-1.",
});
