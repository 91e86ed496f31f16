import { serviceError } from "../protocol/service-errors.ts";
import type { WorldAccount } from "../world/types.ts";
import type { RequestContext } from "./context.ts";

// The account whose resources this call reads. Credentials are validated against the
// scenario's accounts, so a miss means a broken scenario, reported as an internal error.
export function callerAccount(ctx: RequestContext): WorldAccount {
  const account = ctx.world.accounts.get(ctx.caller.accountId);
  if (account === undefined) {
    throw serviceError(ctx.service, "internal", `Account ${ctx.caller.accountId} is not in the scenario.`);
  }
  return account;
}
