// The granting layer's public face: what the access spine imports.
export { policyNameFor, targetKey } from "./target-key.ts";
export type {
  AccessGranter,
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
