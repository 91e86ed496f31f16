import type { ServiceName } from "../services/service-name.ts";

type OneOrMany<T> = T | readonly T[];

// Which calls a rule applies to; omitted fields match everything. accountId is the account
// the call reads (the assumed role's account for temporary credentials).
export type FaultMatch = {
  id?: string;
  service?: OneOrMany<ServiceName>;
  operation?: OneOrMany<string>;
  accountId?: OneOrMany<string>;
  region?: OneOrMany<string>;
};

// probability: share of matching calls affected (default 1). count: only the next N
// matching calls that fire are affected, then the rule goes quiet.
export type FaultTrigger = { probability?: number; count?: number };

// How token buckets and single-flight slots are shared between calls. Keys always include
// the service, as AWS quotas are per service.
export type FaultScope = "global" | "organization" | "account" | "account-region" | "operation";

export type LatencyFault = FaultMatch &
  FaultTrigger & { type: "latency"; ms: number | readonly [min: number, max: number] };

export type RateLimitFault = FaultMatch & {
  type: "rate-limit";
  burst: number;
  refillPerSecond: number;
  per?: FaultScope;
};

export type ThrottleFault = FaultMatch & FaultTrigger & { type: "throttle" };

export type ErrorFault = FaultMatch &
  FaultTrigger & {
    type: "error";
    // Defaults to the service's internal error (InternalFailure, InternalError, …) with 500.
    code?: string;
    status?: number;
    message?: string;
  };

export type HangFault = FaultMatch & FaultTrigger & { type: "hang" };

// Rejects a call while another matching call in the same scope is still being answered
// (Organizations' "another request is already in progress").
export type SingleFlightFault = FaultMatch & { type: "single-flight"; per?: FaultScope };

// Lets an asynchronous operation (CreateAccountAssignment, DeleteAccountAssignment) start
// normally and end FAILED with `reason` as its FailureReason.
export type AsyncFailureFault = FaultMatch & FaultTrigger & { type: "async-failure"; reason?: string };

export type FaultRule =
  | LatencyFault
  | RateLimitFault
  | ThrottleFault
  | ErrorFault
  | HangFault
  | SingleFlightFault
  | AsyncFailureFault;

export type FaultRequest = {
  service: ServiceName;
  operation: string;
  accountId: string;
  region: string;
  organizationId?: string;
};

export type FaultOutcome =
  | { kind: "throttle"; message?: string }
  | { kind: "error"; code?: string; status?: number; message?: string }
  | { kind: "hang" }
  | { kind: "async-failure"; reason?: string };

export type FaultDecision = {
  delayMs: number;
  outcome?: FaultOutcome;
  // Frees single-flight slots once the response is finished.
  release?: () => void;
};
