// The granting layer's public face: what the access spine imports. Like discovery/, it never
// imports modules/: the spine reads its rows and passes plain values in.
export {
  DEFAULT_IDENTITY_CENTER_TIMING,
  type IdentityCenterTiming,
} from "./account-assignments.ts";
export { AwsAccessGranter, type AwsAccessGranterOptions } from "./aws-access-granter.ts";
export { buildGrantContext, GrantContextError, type GrantContextInput } from "./grant-context.ts";
export type { GrantingAws } from "./grant-identities.ts";
export { IDENTITY_CENTER_RATE_LIMIT, withIdentityCenterQuota } from "./granting-config.ts";
export { createGrantingRuntime } from "./granting-runtime.ts";
export { type PolicyDocument, policyDocumentFor } from "./iam-policies.ts";
export { type AccessKeyInfo, KeyToKeepMissing, type NewAccessKey } from "./key-rotation.ts";
export type { ManagedIamUser } from "./managed-iam-inventory.ts";
export { AwsManagedKeys, keyOperationFailure, type ManagedKeyOperations } from "./managed-keys.ts";
export { MANAGED_USER_PATH, managedUserName } from "./managed-user-name.ts";
export { policyNameFor, targetKey } from "./target-key.ts";
export type {
  AccessGranter,
  GrantAttempt,
  GrantConnector,
  GrantContext,
  GrantDetail,
  GrantFailure,
  GrantOutcome,
  GrantSubject,
  GrantTarget,
  GrantTargetKind,
  RevokeOutcome,
} from "./types.ts";
