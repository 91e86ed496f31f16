// The AWS SDK's service packages, loaded on first use. Each is large once parsed (EC2 alone
// adds about 100 MB to a worker's resident memory), and a worker fetching organizations never
// needs EC2, RDS or Identity Center: loading them lazily keeps a worker's memory to what its
// integrations use. Import types statically (`import type`); values through these.

export const sdk = {
  sts: () => import("@aws-sdk/client-sts"),
  iam: () => import("@aws-sdk/client-iam"),
  s3: () => import("@aws-sdk/client-s3"),
  ec2: () => import("@aws-sdk/client-ec2"),
  rds: () => import("@aws-sdk/client-rds"),
  organizations: () => import("@aws-sdk/client-organizations"),
  "sso-admin": () => import("@aws-sdk/client-sso-admin"),
  identitystore: () => import("@aws-sdk/client-identitystore"),
} as const;
