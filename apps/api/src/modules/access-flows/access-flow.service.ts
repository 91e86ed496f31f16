import {
  isRequestableResourceType,
  quoteValue,
  type TAccessFlowListV2,
  type TAccessFlowUpsert,
  type TAccessFlowV2,
  type TCondition,
  type TConditionUpsert,
  type TIntegrationAccessTarget,
} from "@portcullis/shared";
import { resolveSource } from "../../core/directory-sources.ts";
import type { Db } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../../db/transaction-sql.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { type ApiIssue, AppError } from "../../lib/app-error.ts";
import { permissionIdsOf } from "../access-requests/access-targets.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { decodePageToken, encodePageToken, invalidPageToken } from "../common/page-token.ts";
import { isUniqueViolation } from "../common/prisma-errors.ts";
import { isUuid } from "../common/uuid.ts";
import { toAccessFlowV2 } from "./access-flow.mapper.ts";
import {
  type AccessFlowData,
  type AccessFlowRepository,
  accessFlowRepository,
} from "./access-flow.repository.ts";

export const ACCESS_FLOW_MESSAGES = {
  nameTaken: "An access flow with this name already exists.",
} as const;

export function accessFlowNotFound(id: string): AppError {
  return new AppError("NOT_FOUND", `No access flow with id "${id.slice(0, 60)}".`);
}

type Sources = Awaited<ReturnType<AccessFlowRepository["sources"]>>;

/** Resolves each condition's source and checks its users or groups exist (live people only). */
async function resolveConditions(
  repository: AccessFlowRepository,
  sources: Sources,
  conditions: readonly TConditionUpsert[],
  path: string,
  issues: ApiIssue[],
): Promise<TCondition[]> {
  const resolved: TCondition[] = [];
  for (const [index, condition] of conditions.entries()) {
    const at = `${path}.${index}`;
    const source = resolveSource(sources, condition.source_integration_reference);
    if (source === undefined) {
      issues.push({
        path: `${at}.source_integration_reference`,
        message: `No identity source ${quoteValue(condition.source_integration_reference ?? "")}. Use the id or name of one of: ${sources.map((s) => s.name).join(", ") || "none"}.`,
      });
      continue;
    }
    if (condition.type !== "Owner") {
      const known =
        condition.type === "user"
          ? await repository.peopleMatching(source?.id ?? null, condition.values)
          : await repository.groupsMatching(source?.id ?? null, condition.values);
      const missing = condition.values.filter(
        (value) => !known.has(value) && !known.has(value.toLowerCase()),
      );
      if (missing.length > 0) {
        issues.push({
          path: `${at}.values`,
          message: `${missing.slice(0, 3).map(quoteValue).join(", ")} ${missing.length === 1 ? "is not a" : "are not"} live ${condition.type}${missing.length === 1 ? "" : "s"}${source ? ` of ${source.name}` : ""}. Select ${condition.type}s from the directory.`,
        });
      }
    }
    resolved.push({
      source_integration_id: source?.id ?? null,
      source_integration_name: source?.name ?? null,
      type: condition.type,
      match_operator: condition.match_operator,
      values: condition.values,
    });
  }
  return resolved;
}

/** Resolves integration references and checks resource types and permissions. */
async function resolveTargets(
  repository: AccessFlowRepository,
  body: TAccessFlowUpsert,
  issues: ApiIssue[],
): Promise<TIntegrationAccessTarget[]> {
  const targets = body.access_targets.flatMap((target) => (target.integration ? [target.integration] : []));
  const integrations = await repository.integrationsByReference([
    ...new Set(targets.map((t) => t.integration_reference)),
  ]);
  const resolved: TIntegrationAccessTarget[] = [];
  for (const [index, target] of targets.entries()) {
    const at = `access_targets.${index}.integration`;
    const reference = target.integration_reference;
    const integration =
      integrations.find((i) => i.id === reference) ??
      integrations.find((i) => i.name.toLowerCase() === reference.toLowerCase());
    if (!integration) {
      issues.push({
        path: `${at}.integration_reference`,
        message: `No integration with the id or name ${quoteValue(reference)}.`,
      });
      continue;
    }
    if (!isRequestableResourceType(target.resource_type)) {
      issues.push({
        path: `${at}.resource_type`,
        message: `Access to ${quoteValue(target.resource_type)} cannot be requested: choose a resource type whose permissions are listed by /api/v3/integrations/{id}/permissions.`,
      });
      continue;
    }
    if (!integration.connectedResourceTypes.includes(target.resource_type)) {
      issues.push({
        path: `${at}.resource_type`,
        message: `${integration.name} does not discover ${target.resource_type}: add it to the integration's resource types first.`,
      });
      continue;
    }
    const known = permissionIdsOf(target.resource_type, await repository.permissionSetNames(integration.id));
    const unknown = target.permissions.filter((permission) => !known.includes(permission));
    if (unknown.length > 0) {
      issues.push({
        path: `${at}.permissions`,
        message:
          known.length === 0
            ? `${integration.name} has no permission sets yet: fetch the integration, then choose among its permission sets.`
            : `Unknown permission ${unknown.slice(0, 3).map(quoteValue).join(", ")} for ${target.resource_type}: choose from ${known.slice(0, 10).join(", ")}.`,
      });
      continue;
    }
    resolved.push({
      integration_id: integration.id,
      integration_name: integration.name,
      resource_type: target.resource_type,
      permissions: [...new Set(target.permissions)],
      resources_scopes: target.resources_scopes,
    });
  }
  return resolved;
}

async function toData(repository: AccessFlowRepository, body: TAccessFlowUpsert): Promise<AccessFlowData> {
  const issues: ApiIssue[] = [];
  const sources = await repository.sources();
  const requestors = await resolveConditions(
    repository,
    sources,
    body.requestors.conditions,
    "requestors.conditions",
    issues,
  );
  const targets = await resolveTargets(repository, body, issues);
  const groups = [];
  for (const [index, group] of (body.approver_policy?.approver_groups ?? []).entries()) {
    groups.push({
      logical_operator: group.logical_operator,
      approvers: await resolveConditions(
        repository,
        sources,
        group.approvers,
        `approver_policy.approver_groups.${index}.approvers`,
        issues,
      ),
    });
  }
  if (issues.length > 0)
    throw new AppError("VALIDATION_FAILED", issues[0]?.message ?? "Invalid access flow.", issues);
  const settings = {
    ...body.settings,
    max_extensions: body.settings.max_extensions ?? null,
    extension_duration_in_min: body.settings.extension_duration_in_min ?? null,
  };
  return {
    name: body.name,
    nameKey: body.name.toLowerCase(),
    description: body.description ?? null,
    active: body.active,
    trigger: body.trigger,
    requestors: {
      logical_operator: body.requestors.logical_operator,
      conditions: requestors,
    } as Prisma.InputJsonValue,
    accessTargets: targets as unknown as Prisma.InputJsonValue,
    approverPolicy: body.approver_policy
      ? ({
          approval_mode: body.approver_policy.approval_mode,
          approver_groups: groups,
        } as Prisma.InputJsonValue)
      : null,
    grantDurationInMin: body.grant_duration_in_min,
    settings: settings as Prisma.InputJsonValue,
    integrationIds: [...new Set(targets.map((target) => target.integration_id))],
  };
}

/** Access flows: admins define who may request what, who approves and for how long. */
export function accessFlowService(deps: { db: Db }) {
  const repository = accessFlowRepository(deps.db);

  async function present(rows: Awaited<ReturnType<AccessFlowRepository["list"]>>): Promise<TAccessFlowV2[]> {
    const ids = [...new Set(rows.flatMap((row) => row.integrationIds))];
    const names = new Map((await repository.integrationNames(ids)).map((i) => [i.id, i.name]));
    return rows.map((row) => toAccessFlowV2(row, names));
  }

  async function findOrThrow(id: string) {
    const row = isUuid(id) ? await repository.find(id) : null;
    if (!row) throw accessFlowNotFound(id);
    return row;
  }

  function nameTaken(error: unknown): never {
    if (isUniqueViolation(error))
      throw AppError.field("ACCESS_FLOW_NAME_TAKEN", "name", ACCESS_FLOW_MESSAGES.nameTaken);
    throw error;
  }

  return {
    async list(query: { limit: number; page_token?: string }): Promise<TAccessFlowListV2> {
      let after: { createdAt: Date; id: string } | undefined;
      if (query.page_token !== undefined) {
        const [at, id] = decodePageToken(query.page_token, 2) as [string, string];
        const createdAt = new Date(at);
        if (!isUuid(id) || Number.isNaN(createdAt.getTime())) throw invalidPageToken();
        after = { createdAt, id };
      }
      const rows = await repository.list(query.limit + 1, after);
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: await present(page),
        pagination: {
          next_page_token:
            rows.length > query.limit && last
              ? encodePageToken([last.createdAt.toISOString(), last.id])
              : null,
        },
      };
    },

    async get(id: string): Promise<TAccessFlowV2> {
      return (await present([await findOrThrow(id)]))[0] as TAccessFlowV2;
    },

    async create(body: TAccessFlowUpsert, audit: AuditContext): Promise<TAccessFlowV2> {
      const data = await toData(repository, body);
      try {
        return await deps.db.$transaction(async (tx) => {
          const row = await repository.create(tx, data);
          const flow = (await present([row]))[0] as TAccessFlowV2;
          await recordAudit(tx, {
            ...audit,
            action: "access_flow.create",
            targetType: "access_flow",
            targetId: row.id,
            after: flow,
          });
          return flow;
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        nameTaken(error);
      }
    },

    async update(id: string, body: TAccessFlowUpsert, audit: AuditContext): Promise<TAccessFlowV2> {
      const before = (await present([await findOrThrow(id)]))[0];
      const data = await toData(repository, body);
      try {
        return await deps.db.$transaction(async (tx) => {
          const row = await repository.update(tx, id, data);
          const flow = (await present([row]))[0] as TAccessFlowV2;
          await recordAudit(tx, {
            ...audit,
            action: "access_flow.update",
            targetType: "access_flow",
            targetId: id,
            before,
            after: flow,
          });
          return flow;
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        nameTaken(error);
      }
    },

    /** Deleting a flow leaves its requests (and their grants) as they are; they keep its snapshot. */
    async delete(id: string, audit: AuditContext): Promise<void> {
      const before = (await present([await findOrThrow(id)]))[0];
      await deps.db.$transaction(async (tx) => {
        await repository.delete(tx, id);
        await recordAudit(tx, {
          ...audit,
          action: "access_flow.delete",
          targetType: "access_flow",
          targetId: id,
          before,
        });
      }, TRANSACTION_OPTIONS);
    },
  };
}
