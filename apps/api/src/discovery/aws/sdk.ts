// The AWS SDK's service packages, loaded on first use. Each is large once parsed (EC2 alone
// adds about 100 MB to a worker's resident memory), and a worker fetching organizations never
// needs EC2, RDS or Identity Center: loading them lazily keeps a worker's memory to what its
// integrations use. Import types statically (`import type`); values through these.

/** Memoized: a dynamic import() of a loaded module still goes through the loader (and its hooks). */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      // A failed load (a broken install) is tried again next time, and reported again.
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

export const sdk = {
  sts: lazy(() => import("@aws-sdk/client-sts")),
  iam: lazy(() => import("@aws-sdk/client-iam")),
  s3: lazy(() => import("@aws-sdk/client-s3")),
  ec2: lazy(() => import("@aws-sdk/client-ec2")),
  rds: lazy(() => import("@aws-sdk/client-rds")),
  organizations: lazy(() => import("@aws-sdk/client-organizations")),
  "sso-admin": lazy(() => import("@aws-sdk/client-sso-admin")),
  identitystore: lazy(() => import("@aws-sdk/client-identitystore")),
  cloudtrail: lazy(() => import("@aws-sdk/client-cloudtrail")),
} as const;

/**
 * The packages nearly every fetch needs (sessions, IAM, S3, the OU walk), loaded in the
 * background once a worker starts, so the first fetch does not wait for them. EC2, RDS and
 * Identity Center stay unloaded until an integration selects them.
 */
export function preloadCommonSdk(): void {
  for (const load of [sdk.sts, sdk.iam, sdk.s3, sdk.organizations]) load().catch(() => {});
}
