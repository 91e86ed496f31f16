import { ApiError } from "../protocol/api-error.ts";
import { serviceError } from "../protocol/service-errors.ts";
import type { WorldIdentityCenter } from "../world/types.ts";
import type { RequestContext } from "./context.ts";
import { iamAction } from "./iam-action.ts";
import { requiredJsonString } from "./params.ts";

// Identity Center belongs to the organization's management account; other accounts are
// refused (delegated administration is not modelled).
export function requireManagementAccount(ctx: RequestContext): void {
  const owner = ctx.world.identityCenter?.ownerAccountId || ctx.world.organization?.managementAccountId;
  if (ctx.caller.accountId !== owner) {
    const action = iamAction(ctx.service, ctx.operation);
    throw serviceError(
      ctx.service,
      "accessDenied",
      `User: ${ctx.caller.arn} is not authorized to perform: ${action}`,
    );
  }
}

// The instance a call's InstanceArn names, refused unless it is the scenario's.
export function instanceFor(ctx: RequestContext): WorldIdentityCenter {
  requireManagementAccount(ctx);
  const arn = requiredJsonString(ctx, "InstanceArn");
  const ic = ctx.world.identityCenter;
  if (ic === undefined || ic.instanceArn !== arn) {
    throw new ApiError("ResourceNotFoundException", `Could not find Identity Center instance ${arn}.`, 400);
  }
  return ic;
}
