import type { Caller } from "../auth/caller.ts";
import { requestResource } from "../auth/request-resource.ts";
import { iamAction } from "../services/iam-action.ts";
import type { SandboxState } from "../state/sandbox-state.ts";
import type { World } from "../world/types.ts";
import type { IdentifiedRequest } from "./identify-request.ts";

export type TrailCall = {
  request: IdentifiedRequest;
  caller: Caller;
  requestId: string;
  eventTime: number;
  errorCode?: string;
  errorMessage?: string;
  sourceIPAddress: string;
  userAgent: string;
  requestParameters?: Record<string, unknown>;
  responseElements?: Record<string, unknown>;
};

const READ_ONLY = /^(Get|List|Describe|Lookup|Head|Is)/;

// CloudTrail records what granted credentials do: calls made with an IAM user's access key
// or an assumed-role session (Identity Center's AWSReservedSSO_… sessions included). The
// scenario's own long-lived keys are Portcullis itself and are not recorded.
export function recordTrailEvent(deps: { world: World; state: SandboxState }, call: TrailCall): void {
  const { request, caller } = call;
  if (caller.iamUser === undefined && caller.assumedRole === undefined) return;
  const resource = requestResource(request, caller, deps.world, deps.state);
  const eventSource = `${iamAction(request.service, request.operation).split(":")[0]}.amazonaws.com`;
  const event = {
    eventName: request.operation,
    eventSource,
    eventTime: call.eventTime,
    accountId: caller.accountId,
    region: request.region,
    username: caller.iamUser?.name ?? caller.assumedRole?.sessionName ?? caller.arn,
    accessKeyId: caller.accessKeyId,
    readOnly: READ_ONLY.test(request.operation),
    resources: resource === undefined ? [] : [{ ResourceType: resource.type, ResourceName: resource.arn }],
    caller,
    sourceIPAddress: call.sourceIPAddress,
    userAgent: call.userAgent,
    errorCode: call.errorCode,
    errorMessage: call.errorMessage,
    requestId: call.requestId,
    requestParameters: call.requestParameters,
    responseElements: call.responseElements,
  };
  deps.state.trail.record(event);
  // A cross-account AssumeRole also shows in the trail of the role's account.
  const roleAccount = resource?.type === "AWS::IAM::Role" ? resource.arn.split(":")[4] : undefined;
  if (request.operation === "AssumeRole" && roleAccount !== undefined && roleAccount !== caller.accountId) {
    deps.state.trail.record({ ...event, accountId: roleAccount });
  }
}
