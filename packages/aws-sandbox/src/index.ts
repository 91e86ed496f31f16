export { type SsoCredentials, type SsoSignIn, SsoSignInError } from "./auth/sso-sign-in.ts";
export type { CallFilter, CallRecord } from "./calls/call-log.ts";
export { AWS_QUOTAS } from "./faults/aws-quotas.ts";
export type {
  AsyncFailureFault,
  ErrorFault,
  FaultMatch,
  FaultRule,
  FaultScope,
  FaultTrigger,
  HangFault,
  LatencyFault,
  RateLimitFault,
  SingleFlightFault,
  ThrottleFault,
} from "./faults/types.ts";
export { type GenerateOptions, generateScenario } from "./scenario/generate-scenario.ts";
export { DEMO_SCENARIO_PATH, loadScenario } from "./scenario/load-scenario.ts";
export { mulberry32 } from "./scenario/prng.ts";
export type * from "./scenario/types.ts";
export { ScenarioError, validateScenario } from "./scenario/validate-scenario.ts";
export type { HangInfo } from "./server/handle-request.ts";
export {
  type Sandbox,
  type SandboxEvents,
  type SandboxOptions,
  startSandbox,
} from "./server/start-sandbox.ts";
export { SERVICE_NAMES, type ServiceName } from "./services/service-name.ts";
export type { AssignmentTiming } from "./state/assignment-store.ts";
export { DEFAULT_TRAIL_DELAY_MS } from "./state/cloud-trail.ts";
export type { SandboxState } from "./state/sandbox-state.ts";
