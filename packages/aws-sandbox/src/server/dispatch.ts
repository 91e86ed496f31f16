import type { Caller } from "../auth/caller.ts";
import type { CredentialStore } from "../auth/credential-store.ts";
import { evaluatePolicies } from "../auth/policy-evaluator.ts";
import { requestResource } from "../auth/request-resource.ts";
import { ApiError } from "../protocol/api-error.ts";
import { type Rendered, renderError, renderSuccess } from "../protocol/render.ts";
import { serviceError } from "../protocol/service-errors.ts";
import type { RequestContext } from "../services/context.ts";
import { iamAction, isDenied } from "../services/iam-action.ts";
import { HANDLERS } from "../services/registry.ts";
import { PROTOCOLS } from "../services/service-name.ts";
import type { SandboxState } from "../state/sandbox-state.ts";
import type { World } from "../world/types.ts";
import type { IdentifiedRequest } from "./identify-request.ts";

export function authenticate(request: IdentifiedRequest, store: CredentialStore): Caller | ApiError {
  if (request.error !== undefined) return request.error;
  const resolution = store.resolve(request.accessKeyId ?? "", request.sessionToken);
  if (resolution.ok) return resolution.caller;
  return serviceError(request.service, resolution.reason === "expired" ? "expired" : "invalidToken");
}

// Refusals before the handler runs: unknown operations, actions the role or credential denies,
// and, for keys of IAM users, whatever the inline policies of the user and its groups do not allow.
export function precheck(
  request: IdentifiedRequest,
  caller: Caller,
  world: World,
  state: SandboxState,
): ApiError | undefined {
  const { service, operation } = request;
  if (HANDLERS[service][operation] === undefined) return unknownOperation(request);
  // GetCallerIdentity works whatever the policies say, as in AWS.
  if (service === "sts" && operation === "GetCallerIdentity") return undefined;
  const action = iamAction(service, operation);
  if (caller.iamUser !== undefined) return policyRefusal(request, caller, action, world, state);
  if (!isDenied(action, caller.denyActions)) return undefined;
  return accessDenied(
    service,
    `because no identity-based policy allows the ${action} action`,
    caller,
    action,
  );
}

function policyRefusal(
  request: IdentifiedRequest,
  caller: Caller,
  action: string,
  world: World,
  state: SandboxState,
): ApiError | undefined {
  const user = state.iam.user(caller.iamUser!.accountId, caller.iamUser!.name);
  if (user === undefined) return serviceError(request.service, "invalidToken");
  const resource = requestResource(request, caller, world, state)?.arn ?? "*";
  // The user's inline policies and those of its groups.
  const groups = world.accounts.get(user.accountId)?.groups.filter((g) => user.groups.has(g.name)) ?? [];
  const documents = [...user.policies.values(), ...groups.flatMap((g) => g.policies)];
  const decision = evaluatePolicies(documents, action, resource);
  if (decision === "Allow") return undefined;
  const why =
    decision === "ExplicitDeny"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${action} action`;
  return accessDenied(request.service, `on resource: ${resource} ${why}`, caller, action);
}

function accessDenied(service: IdentifiedRequest["service"], why: string, caller: Caller, action: string) {
  const message = `User: ${caller.arn} is not authorized to perform: ${action} ${why}`;
  return serviceError(
    service,
    "accessDenied",
    service === "ec2" ? `You are not authorized to perform this operation. ${message}` : message,
  );
}

function unknownOperation({ service, operation, params }: IdentifiedRequest): ApiError {
  switch (PROTOCOLS[service]) {
    case "query":
      return new ApiError(
        "InvalidAction",
        `Could not find operation ${operation} for version ${params.get("Version")}`,
        400,
      );
    case "ec2":
      return new ApiError("InvalidAction", `The action ${operation} is not valid for this web service.`, 400);
    case "json":
      return new ApiError("UnknownOperationException", `The sandbox does not implement ${operation}.`, 400);
    case "rest-xml":
      return new ApiError(
        "NotImplemented",
        "A header you provided implies functionality that is not implemented",
        501,
      );
  }
}

// Account the call concerns, known before the handler runs so fault rules can match it.
export function targetAccountOf(request: IdentifiedRequest, caller: Caller): string {
  if (request.service === "sts" && request.operation === "AssumeRole") {
    const match = /^arn:aws:iam::(\d{12}):/.exec(request.params.get("RoleArn") ?? "");
    if (match !== null) return match[1]!;
  }
  // Account assignments concern the account they grant access to.
  if (
    request.service === "sso" &&
    typeof request.input.TargetId === "string" &&
    /^\d{12}$/.test(request.input.TargetId)
  ) {
    return request.input.TargetId;
  }
  return caller.accountId;
}

export type HandlerResult = {
  rendered: Rendered;
  errorCode?: string;
  errorMessage?: string;
  targetAccountId: string;
  trailRequest?: Record<string, unknown>;
  trailResponse?: Record<string, unknown>;
};

export function runHandler(
  request: IdentifiedRequest,
  caller: Caller,
  deps: {
    world: World;
    credentials: CredentialStore;
    state: SandboxState;
    now: () => number;
    requestId: string;
    asyncFailure?: { reason?: string };
  },
): HandlerResult {
  const ctx: RequestContext = {
    service: request.service,
    operation: request.operation,
    region: request.region,
    requestId: deps.requestId,
    caller,
    world: deps.world,
    credentials: deps.credentials,
    state: deps.state,
    now: deps.now,
    asyncFailure: deps.asyncFailure,
    params: request.params,
    input: request.input,
    bucket: request.bucket,
    targetAccountId: targetAccountOf(request, caller),
  };
  try {
    const payload = HANDLERS[request.service][request.operation]!(ctx);
    return {
      rendered: renderSuccess(request.service, request.operation, deps.requestId, payload),
      targetAccountId: ctx.targetAccountId,
      trailRequest: ctx.trailRequest,
      trailResponse: ctx.trailResponse,
    };
  } catch (error) {
    const apiError = error instanceof ApiError ? error : internalError(request, error);
    return {
      rendered: renderError(request.service, deps.requestId, apiError),
      errorCode: apiError.code,
      errorMessage: apiError.message,
      targetAccountId: ctx.targetAccountId,
      // A refused call still shows what was asked (CloudTrail keeps requestParameters).
      trailRequest: ctx.trailRequest,
    };
  }
}

function internalError(request: IdentifiedRequest, error: unknown): ApiError {
  // A bug in the sandbox itself: answer like AWS would, but keep the cause visible.
  console.error(`[aws-sandbox] ${request.service}:${request.operation} failed`, error);
  return serviceError(request.service, "internal");
}
