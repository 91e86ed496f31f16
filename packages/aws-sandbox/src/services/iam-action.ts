import type { ServiceName } from "./service-name.ts";

// IAM action prefixes differ from signing names for a few services, and a few operations map
// to differently named actions.
const PREFIX: Record<ServiceName, string> = {
  sts: "sts",
  iam: "iam",
  ec2: "ec2",
  rds: "rds",
  s3: "s3",
  organizations: "organizations",
  sso: "sso",
  identitystore: "identitystore",
  cloudtrail: "cloudtrail",
};

const RENAMED: Record<string, string> = {
  "s3:ListBuckets": "s3:ListAllMyBuckets",
  "s3:ListObjectsV2": "s3:ListBucket",
  "s3:ListObjects": "s3:ListBucket",
};

export function iamAction(service: ServiceName, operation: string): string {
  const action = `${PREFIX[service]}:${operation}`;
  return RENAMED[action] ?? action;
}

// Patterns are IAM-style: case-insensitive, "*" matches any run of characters.
export function isDenied(action: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const lower = action.toLowerCase();
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    if (!p.includes("*")) return p === lower;
    const regex = new RegExp(`^${p.split("*").map(escapeRegex).join(".*")}$`);
    return regex.test(lower);
  });
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
