// Names as they appear in the SigV4 credential scope (the SDK's signing names).
export const SERVICE_NAMES = [
  "sts",
  "iam",
  "ec2",
  "rds",
  "s3",
  "organizations",
  "sso",
  "identitystore",
  "cloudtrail",
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export const isServiceName = (value: string): value is ServiceName =>
  (SERVICE_NAMES as readonly string[]).includes(value);

export type Protocol = "query" | "ec2" | "json" | "rest-xml";

export const PROTOCOLS: Record<ServiceName, Protocol> = {
  sts: "query",
  iam: "query",
  rds: "query",
  ec2: "ec2",
  s3: "rest-xml",
  organizations: "json",
  sso: "json",
  identitystore: "json",
  cloudtrail: "json",
};

// JSON services are addressed by X-Amz-Target "Prefix.Operation" (the prefix may hold dots).
export const JSON_TARGET_PREFIXES: Record<string, ServiceName> = {
  AWSOrganizationsV20161128: "organizations",
  SWBExternalService: "sso",
  AWSIdentityStore: "identitystore",
  "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101": "cloudtrail",
};
