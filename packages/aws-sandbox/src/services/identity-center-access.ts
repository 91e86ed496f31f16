import { serviceError } from "../protocol/service-errors.ts";
import type { RequestContext } from "./context.ts";
import { iamAction } from "./iam-action.ts";

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
