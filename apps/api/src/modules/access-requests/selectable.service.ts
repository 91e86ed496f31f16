import {
  resourceTypeLabel,
  type TIntegrationAccessTarget,
  type TPermissionListV3,
  type TSelectablePermissions,
  type TSelectableResourcesQuery,
} from "@portcullis/shared";
import { type Db, pgPoolOf } from "../../db/prisma.ts";
import type { Queue } from "../../jobs/queue.ts";
import { storedRequestors, storedTargets } from "../access-flows/access-flow.mapper.ts";
import { isUuid } from "../common/uuid.ts";
import { integrationNotFound } from "../integrations/integration-rules.ts";
import { inScopes, requestorMatches } from "./access-policy.ts";
import { accessRequestRepository } from "./access-request.repository.ts";
import { accessRequestService } from "./access-request.service.ts";
import { isRequestableType, permissionIdsOf } from "./access-targets.ts";

const page = <T>(data: T[], limit = data.length, offset = 0) => ({
  data,
  pagination: { total: data.length, limit: Math.max(limit, 0), offset },
});

/** What can be requested: permissions per resource type, and what a user's flows let them pick. */
export function selectableService(deps: { db: Db; queue: Queue }) {
  const repository = accessRequestRepository(deps.db);
  const requests = accessRequestService(deps);
  const pool = pgPoolOf(deps.db);

  /** The integration targets of the active flows the user may request under. */
  async function targetsOf(userId: string): Promise<TIntegrationAccessTarget[]> {
    const caller = await requests.callerOf(userId);
    const targets: TIntegrationAccessTarget[] = [];
    for (const flow of await repository.activeFlows()) {
      if (await requestorMatches(pool, storedRequestors(flow), caller.keys))
        targets.push(...storedTargets(flow));
    }
    return targets;
  }

  return {
    /** PermissionV3 of each requestable resource type the integration discovers. */
    async integrationPermissions(
      integrationId: string,
      resourceType: string | undefined,
    ): Promise<TPermissionListV3> {
      const [integration] = isUuid(integrationId) ? await repository.integrations([integrationId]) : [];
      if (!integration) throw integrationNotFound(integrationId);
      const types = integration.connectedResourceTypes.filter(
        (type) => isRequestableType(type) && (!resourceType || type === resourceType),
      );
      const sets = await repository.permissionSetNames(integration.id);
      const data = types.flatMap((type) =>
        permissionIdsOf(type, sets).map((id) => ({ id, name: id, resource_type: type })),
      );
      return page(data);
    },

    async integrations(userId: string) {
      const targets = await targetsOf(userId);
      const ids = [...new Set(targets.map((target) => target.integration_id))];
      const rows = await repository.integrations(ids);
      const data = rows
        .map((row) => ({ id: row.id, name: row.name, type: row.type }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return page(data);
    },

    async resourceTypes(userId: string, integrationId: string) {
      const targets = (await targetsOf(userId)).filter((target) => target.integration_id === integrationId);
      const types = [...new Set(targets.map((target) => target.resource_type))].sort();
      return page(types.map((id) => ({ id, name: resourceTypeLabel(id) })));
    },

    async resources(
      userId: string,
      integrationId: string,
      resourceType: string,
      query: TSelectableResourcesQuery,
    ) {
      const targets = (await targetsOf(userId)).filter(
        (target) => target.integration_id === integrationId && target.resource_type === resourceType,
      );
      if (targets.length === 0 || !isUuid(integrationId)) return page([], query.limit, query.offset);
      // Scopes are matched here, over at most 5,000 names that match the search.
      const rows = await repository.resourcesOfType(integrationId, resourceType, query.search, 5000);
      const allowed = rows.filter((row) => targets.some((target) => inScopes(target, row)));
      const data = allowed.slice(query.offset, query.offset + query.limit).map((row) => ({
        id: row.id,
        type: row.type,
        name: row.name,
        account_id: row.accountId,
        region: row.region,
        source_id: row.externalId,
      }));
      return { data, pagination: { total: allowed.length, limit: query.limit, offset: query.offset } };
    },

    async permissions(
      userId: string,
      integrationId: string,
      resourceType: string,
    ): Promise<TSelectablePermissions> {
      const targets = (await targetsOf(userId)).filter(
        (target) => target.integration_id === integrationId && target.resource_type === resourceType,
      );
      const data = [...new Set(targets.flatMap((target) => target.permissions))].sort();
      return { ...page(data), allow_multiple: true };
    },
  };
}
