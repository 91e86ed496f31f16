// What the access spine uses of the `granting` layer (apps/api/src/granting): its types and
// `targetKey` and `buildGrantContext`, re-exported so the spine's files import them from one place. The granter itself is
// always injected (jobs/handlers.ts builds the AWS one), never imported by the services.
export type {
  AccessGranter,
  GrantConnector,
  GrantContext,
  GrantDetail,
  GrantFailure,
  GrantOutcome,
  GrantSubject,
  GrantTarget,
  ManagedIamUser,
  RevokeOutcome,
} from "../../granting/index.ts";
export { buildGrantContext, GrantContextError, policyNameFor, targetKey } from "../../granting/index.ts";
