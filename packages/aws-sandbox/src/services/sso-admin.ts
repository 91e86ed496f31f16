import { ApiError } from "../protocol/api-error.ts";
import { accountAssignmentHandlers } from "./account-assignments.ts";
import type { ServiceHandlers } from "./context.ts";
import { instanceFor, requireManagementAccount } from "./identity-center-access.ts";
import { epochSeconds, jsonPage } from "./json-paging.ts";
import { requiredJsonString } from "./params.ts";

const LIMITS = { max: 100, fallback: 100 };

export const ssoAdminHandlers: ServiceHandlers = {
  ...accountAssignmentHandlers,
  ListInstances: (ctx) => {
    requireManagementAccount(ctx);
    const ic = ctx.world.identityCenter;
    // An instance lives in one region; ListInstances elsewhere finds nothing, as in AWS.
    const instances = ic !== undefined && ic.region === ctx.region ? [ic] : [];
    const page = jsonPage(ctx, ctx.region, instances, LIMITS);
    return {
      Instances: page.items.map((i) => ({
        InstanceArn: i.instanceArn,
        IdentityStoreId: i.identityStoreId,
        OwnerAccountId: i.ownerAccountId,
        Name: i.name,
        Status: "ACTIVE",
        CreatedDate: epochSeconds(new Date("2023-01-15T10:00:00.000Z")),
      })),
      NextToken: page.NextToken,
    };
  },
  ListPermissionSets: (ctx) => {
    const ic = instanceFor(ctx);
    const page = jsonPage(ctx, ic.instanceArn, ic.permissionSets, LIMITS);
    return { PermissionSets: page.items.map((ps) => ps.arn), NextToken: page.NextToken };
  },
  DescribePermissionSet: (ctx) => {
    const ic = instanceFor(ctx);
    const arn = requiredJsonString(ctx, "PermissionSetArn");
    const ps = ic.permissionSetsByArn.get(arn);
    if (ps === undefined) {
      throw new ApiError("ResourceNotFoundException", `Could not find PermissionSet with ARN ${arn}.`, 400);
    }
    return {
      PermissionSet: {
        Name: ps.name,
        PermissionSetArn: ps.arn,
        Description: ps.description,
        CreatedDate: epochSeconds(ps.createdAt),
        SessionDuration: ps.sessionDuration,
        RelayState: ps.relayState,
      },
    };
  },
};
