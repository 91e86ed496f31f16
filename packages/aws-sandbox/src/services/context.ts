import type { Caller } from "../auth/caller.ts";
import type { CredentialStore } from "../auth/credential-store.ts";
import type { SandboxState } from "../state/sandbox-state.ts";
import type { World } from "../world/types.ts";
import type { ServiceName } from "./service-name.ts";

export type RequestContext = {
  readonly service: ServiceName;
  readonly operation: string;
  readonly region: string;
  readonly requestId: string;
  readonly caller: Caller;
  readonly world: World;
  readonly credentials: CredentialStore;
  // What calls can change: identity store memberships, account assignments, IAM users.
  readonly state: SandboxState;
  // The sandbox's clock (injectable), in epoch milliseconds.
  readonly now: () => number;
  // Set when a fault rule asks an asynchronous operation (account assignment) to fail later.
  readonly asyncFailure?: { readonly reason?: string };
  // Form body (awsQuery / ec2Query) or URL query string (S3).
  readonly params: URLSearchParams;
  // Parsed body for JSON 1.1 services.
  readonly input: Record<string, unknown>;
  // S3 path-style bucket name.
  readonly bucket?: string;
  // Which account the call concerns, for the call log; handlers override it when the call
  // targets another account (AssumeRole).
  targetAccountId: string;
  // CloudTrail's requestParameters / responseElements for the call's event, when the handler
  // records them (AssumeRole: the temporary key it issued, so later calls can be traced to it).
  trailRequest?: Record<string, unknown>;
  trailResponse?: Record<string, unknown>;
};

// Returns the protocol payload: inner XML for query/ec2 services, the XML document for S3,
// a plain object for JSON services.
export type OperationHandler = (ctx: RequestContext) => unknown;

export type ServiceHandlers = Readonly<Record<string, OperationHandler>>;
