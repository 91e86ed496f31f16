import type { Caller } from "../auth/caller.ts";
import type { CredentialStore } from "../auth/credential-store.ts";
import { ApiError } from "../protocol/api-error.ts";
import { type Rendered, renderError, renderSuccess } from "../protocol/render.ts";
import { serviceError } from "../protocol/service-errors.ts";
import type { RequestContext } from "../services/context.ts";
import { iamAction, isDenied } from "../services/iam-action.ts";
import { HANDLERS } from "../services/registry.ts";
import { PROTOCOLS } from "../services/service-name.ts";
import type { World } from "../world/types.ts";
import type { IdentifiedRequest } from "./identify-request.ts";

export function authenticate(request: IdentifiedRequest, store: CredentialStore): Caller | ApiError {
  if (request.error !== undefined) return request.error;
  const resolution = store.resolve(request.accessKeyId ?? "", request.sessionToken);
  if (resolution.ok) return resolution.caller;
  return serviceError(request.service, resolution.reason === "expired" ? "expired" : "invalidToken");
}

// Refusals that do not depend on the resources: unknown operations and denied actions.
export function precheck(request: IdentifiedRequest, caller: Caller): ApiError | undefined {
  const { service, operation } = request;
  if (HANDLERS[service][operation] === undefined) return unknownOperation(request);
  // GetCallerIdentity works whatever the policies say, as in AWS.
  if (service === "sts" && operation === "GetCallerIdentity") return undefined;
  const action = iamAction(service, operation);
  if (!isDenied(action, caller.denyActions)) return undefined;
  const message = `User: ${caller.arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
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
  return caller.accountId;
}

export type HandlerResult = { rendered: Rendered; errorCode?: string; targetAccountId: string };

export function runHandler(
  request: IdentifiedRequest,
  caller: Caller,
  deps: { world: World; credentials: CredentialStore; requestId: string },
): HandlerResult {
  const ctx: RequestContext = {
    service: request.service,
    operation: request.operation,
    region: request.region,
    requestId: deps.requestId,
    caller,
    world: deps.world,
    credentials: deps.credentials,
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
    };
  } catch (error) {
    const apiError = error instanceof ApiError ? error : internalError(request, error);
    return {
      rendered: renderError(request.service, deps.requestId, apiError),
      errorCode: apiError.code,
      targetAccountId: ctx.targetAccountId,
    };
  }
}

function internalError(request: IdentifiedRequest, error: unknown): ApiError {
  // A bug in the sandbox itself: answer like AWS would, but keep the cause visible.
  console.error(`[aws-sandbox] ${request.service}:${request.operation} failed`, error);
  return serviceError(request.service, "internal");
}
