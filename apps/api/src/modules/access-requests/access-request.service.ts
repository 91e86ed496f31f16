import {
  quoteValue,
  type TAccessRequestDecision,
  type TAccessRequestListV3,
  type TAccessRequestListV4,
  type TAccessRequestV4,
  type TCreateAccessRequest,
  type TListAccessRequestsQuery,
  type TListAccessRequestsV3Query,
  type TRequestAgain,
} from "@portcullis/shared";
import { type Db, pgPoolOf } from "../../db/prisma.ts";
import { TRANSACTION_OPTIONS, transactionSql } from "../../db/transaction-sql.ts";
import type { AccessFlow, AccessStatus, Prisma } from "../../generated/prisma/client.ts";
import { targetKey } from "../../granting/index.ts";
import type { Queue } from "../../jobs/queue.ts";
import { type ApiIssue, AppError } from "../../lib/app-error.ts";
import {
  storedPolicy,
  storedRequestors,
  storedSettings,
  storedTargets,
} from "../access-flows/access-flow.mapper.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { decodePageToken, encodePageToken, invalidPageToken } from "../common/page-token.ts";
import { isUuid } from "../common/uuid.ts";
import {
  inScopes,
  isApproved,
  isApprover,
  isSatisfiable,
  personKey,
  type ResolvedPolicy,
  requestorMatches,
  resolvePolicy,
} from "./access-policy.ts";
import {
  type FlowSnapshot,
  snapshotOf,
  toAccessRequestV3,
  toAccessRequestV4,
} from "./access-request.mapper.ts";
import {
  type AccessRequestRepository,
  accessRequestRepository,
  type FullRequest,
} from "./access-request.repository.ts";
import { permissionIdsOf, resolveTarget, TargetError } from "./access-targets.ts";

export const ACCESS_REQUEST_MESSAGES = {
  notInDirectory:
    "Your account is not a live person of any identity source, so access cannot be granted to you. Ask an admin to add you to the directory (or to reactivate you).",
  requestorCannotApprove: "This access flow does not let you approve or reject your own request.",
  notApprover: "You are not one of the approvers of this request.",
  alreadyDecided: "You have already decided on this request.",
  reasonRequired: "Enter a reason: this access flow requires approvers to give one.",
} as const;

export function accessRequestNotFound(id: string): AppError {
  return new AppError("NOT_FOUND", `No access request with id "${id.slice(0, 60)}".`);
}

function stateConflict(request: { status: AccessStatus }, action: string): AppError {
  return new AppError(
    "ACCESS_REQUEST_STATE_CONFLICT",
    `This request is ${request.status}, so it cannot be ${action}.`,
  );
}

export type Caller = {
  userId: string;
  email: string;
  admin: boolean;
  people: Awaited<ReturnType<AccessRequestRepository["livePeopleOf"]>>;
  keys: Set<string>;
};

export type AccessRequestDeps = { db: Db; queue: Queue };

/** Access requests: creation against the flows, decisions, revocation; grants run as jobs. */
export function accessRequestService(deps: AccessRequestDeps) {
  const repository = accessRequestRepository(deps.db);
  const pool = pgPoolOf(deps.db);

  async function callerOf(userId: string): Promise<Caller> {
    const user = await repository.appUser(userId);
    if (!user) throw new AppError("UNAUTHENTICATED", "Your account no longer exists.");
    const people = await repository.livePeopleOf(user);
    return {
      userId,
      email: user.email,
      admin: user.role === "admin",
      people,
      keys: new Set(people.map(personKey)),
    };
  }

  /** The requester's live keys now (for barring self-approval). */
  async function requesterKeys(request: FullRequest): Promise<Set<string>> {
    const keys = new Set([request.granteeEmail.toLowerCase()]);
    if (request.requesterUserId) {
      const user = await repository.appUser(request.requesterUserId);
      if (user) for (const person of await repository.livePeopleOf(user)) keys.add(personKey(person));
    }
    return keys;
  }

  /** The request's approver policy resolved against the directory now (null: none needed). */
  async function policyOf(request: FullRequest): Promise<ResolvedPolicy | null> {
    const snapshot = snapshotOf(request);
    if (!snapshot.approver_policy) return null;
    const resources = await repository.resourcesByIds(request.entitlements.map((e) => e.resourceId));
    const integrations = await repository.integrations([
      ...new Set(request.entitlements.map((e) => e.integrationId)),
    ]);
    const byId = new Map(integrations.map((i) => [i.id, i]));
    const owned = request.entitlements.map((entitlement) => ({
      tags: resources.find((r) => r.id === entitlement.resourceId)?.tags ?? {},
      integration: byId.get(entitlement.integrationId) ?? { owner: null, ownersMapping: null },
    }));
    const exclude = snapshot.settings.requestor_cannot_approve_himself
      ? await requesterKeys(request)
      : new Set<string>();
    return resolvePolicy(pool, snapshot.approver_policy, owned, await repository.sources(), exclude);
  }

  async function canDecide(request: FullRequest, caller: Caller): Promise<boolean> {
    if (request.status !== "PENDING" || caller.keys.size === 0) return false;
    if (request.approvals.some((approval) => approval.approverUserId === caller.userId)) return false;
    const policy = await policyOf(request);
    return policy !== null && isApprover(policy, caller.keys);
  }

  async function present(request: FullRequest, caller: Caller): Promise<TAccessRequestV4> {
    return toAccessRequestV4(request, await canDecide(request, caller));
  }

  /** Own requests, or any request for admins and for those who may decide it. */
  async function visibleOrThrow(id: string, caller: Caller): Promise<FullRequest> {
    const request = isUuid(id) ? await repository.find(id) : null;
    if (!request) throw accessRequestNotFound(id);
    if (caller.admin || request.requesterUserId === caller.userId) return request;
    if (request.approvals.some((approval) => approval.approverUserId === caller.userId)) return request;
    const policy = await policyOf(request);
    if (policy && isApprover(policy, caller.keys)) return request;
    throw accessRequestNotFound(id);
  }

  async function audit(
    client: Db | Prisma.TransactionClient,
    context: AuditContext,
    action: string,
    request: { id: string },
    extra: { before?: unknown; after?: unknown } = {},
  ) {
    await recordAudit(client, {
      ...context,
      action,
      targetType: "access_request",
      targetId: request.id,
      ...extra,
    });
  }

  type Planned = {
    flow: AccessFlow;
    entitlements: Array<Prisma.AccessRequestEntitlementCreateWithoutRequestInput & { tags: unknown }>;
    integrationById: Map<string, { owner: unknown; ownersMapping: unknown }>;
  };

  /** Matches each entitlement to the first active flow that allows it; refuses with the reason otherwise. */
  async function plan(caller: Caller, body: TCreateAccessRequest): Promise<Planned[]> {
    const person = caller.people[0];
    if (!person) throw new AppError("REQUESTER_NOT_IN_DIRECTORY", ACCESS_REQUEST_MESSAGES.notInDirectory);
    const wanted = [
      ...new Map(body.entitlements.map((e) => [`${e.resource_id}\u0000${e.permission_id}`, e])).values(),
    ];
    const ids = wanted.map((e) => e.resource_id).filter(isUuid);
    const resources = ids.length > 0 ? await repository.resourcesByIds(ids) : [];
    const integrations = await repository.integrations([...new Set(resources.map((r) => r.integrationId))]);
    const integrationById = new Map(integrations.map((i) => [i.id, i]));
    const issues: ApiIssue[] = [];
    const flows = await repository.activeFlowsFor([...integrationById.keys()]);
    const allowedFlows: AccessFlow[] = [];
    for (const flow of flows)
      if (await requestorMatches(pool, storedRequestors(flow), caller.keys)) allowedFlows.push(flow);

    const planned = new Map<string, Planned>();
    const refused: string[] = [];
    for (const [index, entitlement] of wanted.entries()) {
      const at = `entitlements.${index}`;
      const resource = resources.find((r) => r.id === entitlement.resource_id);
      const integration = resource ? integrationById.get(resource.integrationId) : undefined;
      if (!resource || !integration) {
        issues.push({
          path: `${at}.resource_id`,
          message: `No resource with id ${quoteValue(entitlement.resource_id)}.`,
        });
        continue;
      }
      const permissionSets =
        resource.type === "aws-organization-account"
          ? await repository.permissionSetNames(integration.id)
          : [];
      if (!permissionIdsOf(resource.type, permissionSets).includes(entitlement.permission_id)) {
        issues.push({
          path: `${at}.permission_id`,
          message: `${quoteValue(entitlement.permission_id)} is not a permission of ${resource.type}.`,
        });
        continue;
      }
      const flow = allowedFlows.find((candidate) =>
        storedTargets(candidate).some(
          (target) =>
            target.integration_id === integration.id &&
            target.resource_type === resource.type &&
            target.permissions.includes(entitlement.permission_id) &&
            inScopes(target, resource),
        ),
      );
      if (!flow) {
        refused.push(`${entitlement.permission_id} on ${resource.name} (${integration.name})`);
        continue;
      }
      let target: ReturnType<typeof resolveTarget>;
      try {
        target = resolveTarget({
          resource: { ...resource, metadata: (resource.metadata ?? {}) as Record<string, unknown> },
          permission: entitlement.permission_id,
          permissionSet:
            resource.type === "aws-organization-account"
              ? await repository
                  .permissionSet(integration.id, entitlement.permission_id)
                  .then((row) =>
                    row ? { ...row, metadata: (row.metadata ?? {}) as Record<string, unknown> } : null,
                  )
              : null,
          granteeUserName: person.userName,
        });
      } catch (error) {
        if (!(error instanceof TargetError)) throw error;
        issues.push({ path: `${at}.resource_id`, message: `${error.message} ${error.fix}` });
        continue;
      }
      const entry = planned.get(flow.id) ?? { flow, entitlements: [], integrationById };
      entry.entitlements.push({
        integrationId: integration.id,
        integrationName: integration.name,
        resourceType: resource.type,
        resourceId: resource.id,
        resourceExternalId: resource.externalId,
        resourceName: resource.name,
        accountId: resource.accountId,
        region: resource.region,
        permissionId: entitlement.permission_id,
        permissionName: entitlement.permission_id,
        targetKey: targetKey(target),
        target: target as unknown as Prisma.InputJsonValue,
        tags: resource.tags,
      });
      planned.set(flow.id, entry);
    }
    if (issues.length > 0)
      throw new AppError("VALIDATION_FAILED", issues[0]?.message ?? "Invalid request.", issues);
    if (refused.length > 0)
      throw new AppError(
        "NO_MATCHING_ACCESS_FLOW",
        `No active access flow lets you request ${refused.slice(0, 3).join(", ")}${refused.length > 3 ? ` and ${refused.length - 3} more` : ""}. Ask an admin for an access flow that covers it.`,
      );
    return [...planned.values()];
  }

  async function create(
    caller: Caller,
    body: TCreateAccessRequest,
    context: AuditContext,
    requestedAgainOf: string | null = null,
  ): Promise<TAccessRequestV4[]> {
    const plans = await plan(caller, body);
    const person = caller.people[0]!;
    const sources = await repository.sources();
    const prepared: Array<{
      plan: Planned;
      snapshot: FlowSnapshot;
      durationSec: number;
      autoApproved: boolean;
    }> = [];
    for (const entry of plans) {
      const settings = storedSettings(entry.flow);
      const policy = storedPolicy(entry.flow);
      const maxSec = (entry.flow.grantDurationInMin ?? 60) * 60;
      if (body.duration_in_sec !== null && body.duration_in_sec > maxSec)
        throw AppError.field(
          "VALIDATION_FAILED",
          "duration_in_sec",
          `duration_in_sec must be at most ${maxSec} (${maxSec / 60} minutes): the access flow "${entry.flow.name}" grants for no longer.`,
        );
      if (settings.justification_required && !body.justification)
        throw AppError.field(
          "VALIDATION_FAILED",
          "justification",
          `Enter a justification: the access flow "${entry.flow.name}" requires one.`,
        );
      if (policy) {
        const exclude = settings.requestor_cannot_approve_himself ? caller.keys : new Set<string>();
        const resolved = await resolvePolicy(
          pool,
          policy,
          entry.entitlements.map((e) => ({
            tags: e.tags,
            integration: entry.integrationById.get(e.integrationId as string) ?? {
              owner: null,
              ownersMapping: null,
            },
          })),
          sources,
          exclude,
        );
        if (!isSatisfiable(resolved))
          throw new AppError(
            "NO_POSSIBLE_APPROVER",
            `Nobody can approve this request under the access flow "${entry.flow.name}": its approvers${
              policy.approver_groups.some((g) => g.approvers.some((a) => a.type === "Owner"))
                ? " (the resource owner from its tags, else the integration owner)"
                : ""
            } resolve to no live person${settings.requestor_cannot_approve_himself ? " other than you" : ""}. Ask an admin to set an owner or approvers.`,
          );
      }
      prepared.push({
        plan: entry,
        snapshot: {
          name: entry.flow.name,
          approver_policy: policy,
          settings,
          grant_duration_in_min: entry.flow.grantDurationInMin,
        },
        durationSec: body.duration_in_sec ?? maxSec,
        autoApproved: policy === null,
      });
    }
    const ids = await deps.db.$transaction(async (tx) => {
      const created: string[] = [];
      for (const item of prepared) {
        const row = await repository.createRequest(tx, {
          requesterUserId: caller.userId,
          requesterEmail: caller.email,
          granteePersonId: person.id,
          granteeEmail: person.email ?? caller.email,
          accessFlowId: item.plan.flow.id,
          flowSnapshot: item.snapshot as unknown as Prisma.InputJsonValue,
          status: item.autoApproved ? "APPROVED" : "PENDING",
          decidedAt: item.autoApproved ? new Date() : null,
          justification: body.justification,
          customFields: body.custom_fields,
          durationSec: item.durationSec,
          requestedAgainOf,
          entitlements: { create: item.plan.entitlements.map(({ tags: _tags, ...e }) => e) },
        });
        await audit(tx, context, "access_request.create", row, { after: toAccessRequestV4(row, false) });
        if (item.autoApproved) {
          await audit(tx, context, "access_request.approved", row, {
            after: { reason: "The flow needs no approval." },
          });
          await deps.queue.send("access.grant", { requestId: row.id }, { db: transactionSql(tx) });
        }
        created.push(row.id);
      }
      return created;
    }, TRANSACTION_OPTIONS);
    if (prepared.some((item) => item.autoApproved)) deps.queue.wake("access.grant");
    const rows = await Promise.all(ids.map((id) => repository.find(id)));
    return Promise.all(
      rows.filter((row): row is FullRequest => row !== null).map((row) => present(row, caller)),
    );
  }

  /** The live keys of everyone who approved (a deactivated approver no longer counts). */
  /**
   * `client`: inside a decision's transaction, its own client. Reading through the pool there
   * would wait for a second connection while holding one: a burst of approvals at once (as many
   * as the pool has connections) then deadlocks until the transactions time out.
   */
  async function approvedKeys(request: FullRequest, client?: Prisma.TransactionClient): Promise<Set<string>> {
    const keys = new Set<string>();
    for (const approval of request.approvals) {
      if (approval.decision !== "APPROVED") continue;
      const user = await repository.appUser(approval.approverUserId, client);
      if (!user) continue;
      for (const person of await repository.livePeopleOf(user, client)) keys.add(personKey(person));
    }
    return keys;
  }

  async function decide(
    userId: string,
    id: string,
    decision: "APPROVED" | "REJECTED",
    body: TAccessRequestDecision,
    context: AuditContext,
  ): Promise<TAccessRequestV4> {
    const caller = await callerOf(userId);
    const request = await visibleOrThrow(id, caller);
    const snapshot = snapshotOf(request);
    if (snapshot.settings.requestor_cannot_approve_himself) {
      const own =
        request.requesterUserId === userId ||
        [...caller.keys].some((k) => k === request.granteeEmail.toLowerCase());
      if (own) throw new AppError("REQUESTOR_CANNOT_APPROVE", ACCESS_REQUEST_MESSAGES.requestorCannotApprove);
    }
    if (request.status !== "PENDING")
      throw stateConflict(request, decision === "APPROVED" ? "approved" : "rejected");
    const policy = await policyOf(request);
    if (!policy || !isApprover(policy, caller.keys))
      throw new AppError("NOT_AN_APPROVER", ACCESS_REQUEST_MESSAGES.notApprover);
    if (snapshot.settings.require_approver_reason && !body.reason)
      throw AppError.field("VALIDATION_FAILED", "reason", ACCESS_REQUEST_MESSAGES.reasonRequired);

    let granted = false;
    await deps.db.$transaction(async (tx) => {
      await repository.lock(tx, request.id);
      const current = await repository.find(request.id, tx);
      if (current?.status !== "PENDING") throw stateConflict(current ?? request, "decided");
      if (current.approvals.some((approval) => approval.approverUserId === userId))
        throw new AppError("ACCESS_REQUEST_STATE_CONFLICT", ACCESS_REQUEST_MESSAGES.alreadyDecided);
      const approval = await repository.addApproval(tx, {
        requestId: request.id,
        approverUserId: userId,
        approverPersonId: caller.people[0]?.id ?? null,
        approverEmail: caller.email,
        decision,
        reason: body.reason,
      });
      await audit(
        tx,
        context,
        decision === "APPROVED" ? "access_request.approve" : "access_request.reject",
        request,
        {
          after: { decision, reason: body.reason, approver: caller.email },
        },
      );
      if (decision === "REJECTED") {
        if (
          await repository.moveRequest(tx, request.id, ["PENDING"], {
            status: "REJECTED",
            decidedAt: new Date(),
          })
        ) {
          await repository.moveEntitlementsOf(tx, request.id, ["PENDING"], "REJECTED");
        }
        return;
      }
      const keys = await approvedKeys({ ...current, approvals: [...current.approvals, approval] }, tx);
      if (!isApproved(policy, keys)) return;
      // Compare-and-set: of two approvals at once, one moves the request and queues its grant.
      if (
        await repository.moveRequest(tx, request.id, ["PENDING"], {
          status: "APPROVED",
          decidedAt: new Date(),
        })
      ) {
        await audit(tx, context, "access_request.approved", request, { after: { approvals: keys.size } });
        await deps.queue.send("access.grant", { requestId: request.id }, { db: transactionSql(tx) });
        granted = true;
      }
    }, TRANSACTION_OPTIONS);
    if (granted) deps.queue.wake("access.grant");
    return present((await repository.find(request.id)) as FullRequest, caller);
  }

  /** Revoke (or cancel a pending request): the revoke job takes the access back in AWS. */
  async function revoke(caller: Caller, request: FullRequest, context: AuditContext): Promise<void> {
    let queued = false;
    await deps.db.$transaction(async (tx) => {
      await repository.lock(tx, request.id);
      if (
        await repository.moveRequest(tx, request.id, ["PENDING"], {
          status: "CANCELED",
          revokedAt: new Date(),
        })
      ) {
        await repository.moveEntitlementsOf(tx, request.id, ["PENDING"], "CANCELED");
        await audit(tx, context, "access_request.cancel", request, { after: { by: caller.email } });
        return;
      }
      if (
        await repository.moveRequest(tx, request.id, ["APPROVED", "GRANTING", "GRANTED"], {
          status: "REVOKING",
        })
      ) {
        await audit(tx, context, "access_request.revoke", request, { after: { by: caller.email } });
        await deps.queue.send(
          "access.revoke",
          { requestId: request.id, ending: "REVOKED" },
          { db: transactionSql(tx), singletonKey: `revoke:${request.id}` },
        );
        queued = true;
        return;
      }
      const current = await repository.find(request.id, tx);
      if (current?.status !== "REVOKING") throw stateConflict(current ?? request, "revoked");
    }, TRANSACTION_OPTIONS);
    if (queued) deps.queue.wake("access.revoke");
  }

  async function ownOrAdmin(id: string, caller: Caller): Promise<FullRequest> {
    const request = isUuid(id) ? await repository.find(id) : null;
    if (!request || (!caller.admin && request.requesterUserId !== caller.userId))
      throw accessRequestNotFound(id);
    return request;
  }

  return {
    callerOf,

    async create(userId: string, body: TCreateAccessRequest, context: AuditContext) {
      return create(await callerOf(userId), body, context);
    },

    async listOwn(userId: string, query: TListAccessRequestsQuery): Promise<TAccessRequestListV4> {
      const caller = await callerOf(userId);
      if (
        query.requestor &&
        !caller.admin &&
        ![caller.userId, caller.email.toLowerCase()].includes(query.requestor.toLowerCase())
      )
        throw AppError.field("FORBIDDEN", "requestor", "Only admins list other people's requests.");
      let requesterUserId = caller.userId;
      if (query.requestor && caller.admin && query.requestor !== caller.userId) {
        requesterUserId = isUuid(query.requestor) ? query.requestor : "00000000-0000-0000-0000-000000000000";
      }
      let after: { createdAt: Date; id: string } | undefined;
      if (query.page_token !== undefined) {
        const [at, id] = decodePageToken(query.page_token, 2) as [string, string];
        if (!isUuid(id) || Number.isNaN(Date.parse(at))) throw invalidPageToken();
        after = { createdAt: new Date(at), id };
      }
      const rows = await repository.list({
        requesterUserId,
        statuses: query.statuses,
        after,
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: await Promise.all(page.map((row) => present(row, caller))),
        pagination: {
          next_page_token:
            rows.length > query.limit && last
              ? encodePageToken([last.createdAt.toISOString(), last.id])
              : null,
        },
      };
    },

    /** The Approvals inbox: requests the caller may decide, and those they decided. */
    async listToDecide(userId: string, query: TListAccessRequestsQuery): Promise<TAccessRequestListV4> {
      const caller = await callerOf(userId);
      const candidates = await repository.pendingOrDecidedBy(userId, query.statuses, 1000);
      const items: TAccessRequestV4[] = [];
      for (const row of candidates) {
        if (items.length >= query.limit) break;
        const decided = row.approvals.some((approval) => approval.approverUserId === userId);
        if (decided && (!query.statuses?.length || query.statuses.includes(row.status))) {
          items.push(await present(row, caller));
          continue;
        }
        if (row.status !== "PENDING" || caller.keys.size === 0) continue;
        const policy = await policyOf(row);
        if (policy && isApprover(policy, caller.keys)) items.push(toAccessRequestV4(row, true));
      }
      return { items, pagination: { next_page_token: null } };
    },

    async get(userId: string, id: string): Promise<TAccessRequestV4> {
      const caller = await callerOf(userId);
      return present(await visibleOrThrow(id, caller), caller);
    },

    async entitlements(userId: string, id: string) {
      const request = await this.get(userId, id);
      return { items: request.portcullis.entitlements, pagination: { next_page_token: null } };
    },

    approve: (userId: string, id: string, body: TAccessRequestDecision, context: AuditContext) =>
      decide(userId, id, "APPROVED", body, context),
    reject: (userId: string, id: string, body: TAccessRequestDecision, context: AuditContext) =>
      decide(userId, id, "REJECTED", body, context),

    async revoke(userId: string, id: string, context: AuditContext): Promise<{ message: string }> {
      const caller = await callerOf(userId);
      await revoke(caller, await ownOrAdmin(id, caller), context);
      return { message: "The access is being revoked." };
    },

    async requestAgain(userId: string, id: string, body: TRequestAgain, context: AuditContext) {
      const caller = await callerOf(userId);
      const original = await ownOrAdmin(id, caller);
      if (original.requesterUserId !== userId) throw accessRequestNotFound(id);
      return create(
        caller,
        {
          entitlements: original.entitlements.map((e) => ({
            resource_id: e.resourceId,
            permission_id: e.permissionId,
          })),
          justification: body.justification ?? original.justification,
          duration_in_sec: original.durationSec,
          custom_fields: Object.keys(body.custom_fields).length
            ? body.custom_fields
            : (original.customFields as Record<string, string>),
        },
        context,
        original.id,
      );
    },

    async adminList(query: TListAccessRequestsV3Query): Promise<TAccessRequestListV3> {
      const since =
        query.days_offset !== undefined ? new Date(Date.now() - query.days_offset * 86_400_000) : undefined;
      const requesterUserId = query.user_id && isUuid(query.user_id) ? query.user_id : undefined;
      if (query.user_id && !requesterUserId)
        return { data: [], pagination: { total: 0, limit: query.limit, offset: query.offset } };
      const [rows, total] = await Promise.all([
        repository.list({ requesterUserId, since, take: query.limit, skip: query.offset }),
        repository.count({ requesterUserId, since }),
      ]);
      return {
        data: rows.map(toAccessRequestV3),
        pagination: { total, limit: query.limit, offset: query.offset },
      };
    },

    async adminGet(id: string) {
      const request = isUuid(id) ? await repository.find(id) : null;
      if (!request) throw accessRequestNotFound(id);
      return toAccessRequestV3(request);
    },

    async bulkRevoke(userId: string, ids: string[], context: AuditContext): Promise<{ message: string }> {
      const caller = await callerOf(userId);
      const missing = ids.filter((id) => !isUuid(id));
      const rows = (await Promise.all(ids.filter(isUuid).map((id) => repository.find(id)))).filter(
        (row): row is FullRequest => row !== null,
      );
      if (missing.length > 0 || rows.length < ids.length) {
        const known = new Set(rows.map((row) => row.id));
        const unknown = ids.filter((id) => !known.has(id));
        throw AppError.field(
          "NOT_FOUND",
          "request_ids",
          `No access request with id ${unknown.slice(0, 3).map(quoteValue).join(", ")}.`,
        );
      }
      let revoked = 0;
      for (const row of rows) {
        if (["PENDING", "APPROVED", "GRANTING", "GRANTED"].includes(row.status)) {
          await revoke(caller, row, context);
          revoked += 1;
        }
      }
      return {
        message: `${revoked} of ${rows.length} requests are being revoked; the others had already ended.`,
      };
    },
  };
}

export type AccessRequestService = ReturnType<typeof accessRequestService>;
