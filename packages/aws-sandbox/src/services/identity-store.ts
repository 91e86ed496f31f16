import { ApiError } from "../protocol/api-error.ts";
import { serviceError } from "../protocol/service-errors.ts";
import type { ServiceHandlers } from "./context.ts";
import { requireManagementAccount } from "./identity-center-access.ts";
import { jsonPage } from "./json-paging.ts";
import { requiredJsonString } from "./params.ts";

type AttributeFilter = { AttributePath?: unknown; AttributeValue?: unknown };

export const identityStoreHandlers: ServiceHandlers = {
  ListGroups: (ctx) => {
    requireManagementAccount(ctx);
    const storeId = requiredJsonString(ctx, "IdentityStoreId");
    const ic = ctx.world.identityCenter;
    if (ic === undefined || ic.identityStoreId !== storeId) {
      throw new ApiError("ResourceNotFoundException", `Identity store ${storeId} was not found.`, 400);
    }
    let groups = ic.groups;
    const filters = Array.isArray(ctx.input.Filters) ? (ctx.input.Filters as AttributeFilter[]) : [];
    for (const filter of filters) {
      // Identity Store only filters groups on DisplayName equality.
      if (filter.AttributePath !== "DisplayName") {
        throw serviceError(
          "identitystore",
          "validation",
          `Unsupported filter attribute ${String(filter.AttributePath)}.`,
        );
      }
      groups = groups.filter((g) => g.displayName === filter.AttributeValue);
    }
    const page = jsonPage(ctx, `${storeId}:${JSON.stringify(filters)}`, groups, { max: 100, fallback: 100 });
    return {
      Groups: page.items.map((g) => ({
        GroupId: g.id,
        DisplayName: g.displayName,
        Description: g.description,
        IdentityStoreId: storeId,
      })),
      NextToken: page.NextToken,
    };
  },
};
