import { ApiError } from "../protocol/api-error.ts";
import { serviceError } from "../protocol/service-errors.ts";
import type { Assignment, AssignmentOperation, PrincipalType } from "../state/assignment-store.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";
import { instanceFor } from "./identity-center-access.ts";
import { epochSeconds, jsonPage } from "./json-paging.ts";
import { requiredJsonString } from "./params.ts";

const LIMITS = { max: 100, fallback: 100 };

function permissionSetArn(ctx: RequestContext): string {
  const ic = instanceFor(ctx);
  const arn = requiredJsonString(ctx, "PermissionSetArn");
  if (!ic.permissionSetsByArn.has(arn)) {
    throw new ApiError("ResourceNotFoundException", `Could not find PermissionSet with ARN ${arn}.`, 400);
  }
  return arn;
}

function principalType(ctx: RequestContext): PrincipalType {
  const value = requiredJsonString(ctx, "PrincipalType");
  if (value !== "USER" && value !== "GROUP") {
    throw serviceError("sso", "validation", `Value '${value}' at 'principalType' must be USER or GROUP.`);
  }
  return value;
}

// The assignment a Create/Delete call names, checked against the organization and the
// identity store so a wrong id fails at once rather than in the async status.
function assignmentOf(ctx: RequestContext): Assignment {
  const psArn = permissionSetArn(ctx);
  const accountId = requiredJsonString(ctx, "TargetId");
  if (requiredJsonString(ctx, "TargetType") !== "AWS_ACCOUNT") {
    throw serviceError("sso", "validation", "TargetType must be AWS_ACCOUNT.");
  }
  if (!/^\d{12}$/.test(accountId)) {
    throw serviceError(
      "sso",
      "validation",
      `Value '${accountId}' at 'targetId' must be a 12-digit account id.`,
    );
  }
  if (!ctx.world.organization?.accountIds.includes(accountId)) {
    throw new ApiError("ResourceNotFoundException", `Account ${accountId} is not in the organization.`, 400);
  }
  const type = principalType(ctx);
  const principalId = requiredJsonString(ctx, "PrincipalId");
  const store = ctx.state.identityStore;
  const known = type === "USER" ? store.usersById.has(principalId) : store.groupsById.has(principalId);
  if (!known) {
    throw new ApiError("ResourceNotFoundException", `${type} ${principalId} was not found.`, 400);
  }
  return { accountId, permissionSetArn: psArn, principalType: type, principalId };
}

function startOperation(ctx: RequestContext, kind: "create" | "delete"): AssignmentOperation {
  const assignment = assignmentOf(ctx);
  const store = ctx.state.assignments;
  if (store.inProgressOn(assignment.accountId, assignment.permissionSetArn) !== undefined) {
    throw new ApiError(
      "ConflictException",
      `An account assignment operation on account ${assignment.accountId} and permission set ${assignment.permissionSetArn} is already in progress.`,
      400,
    );
  }
  if (store.outstanding() >= store.maxOutstanding) {
    throw serviceError(
      "sso",
      "throttle",
      `Too many account assignment operations in progress (at most ${store.maxOutstanding}).`,
    );
  }
  return store.start(kind, assignment, ctx.asyncFailure === undefined ? undefined : failureReason(ctx));
}

const failureReason = (ctx: RequestContext) =>
  ctx.asyncFailure?.reason ?? "Received a 404 status error: Not supported account assignment operation.";

const renderStatus = (op: AssignmentOperation) => ({
  Status: op.status,
  RequestId: op.requestId,
  FailureReason: op.failureReason,
  TargetId: op.assignment.accountId,
  TargetType: "AWS_ACCOUNT",
  PermissionSetArn: op.assignment.permissionSetArn,
  PrincipalType: op.assignment.principalType,
  PrincipalId: op.assignment.principalId,
  CreatedDate: epochSeconds(new Date(op.createdAt)),
});

function describe(ctx: RequestContext, kind: "create" | "delete", field: string) {
  instanceFor(ctx);
  const requestId = requiredJsonString(ctx, field);
  const op = ctx.state.assignments.poll(requestId, kind);
  if (op === undefined) {
    throw new ApiError("ResourceNotFoundException", `Could not find the request ${requestId}.`, 400);
  }
  return renderStatus(op);
}

function listOperations(ctx: RequestContext, kind: "create" | "delete") {
  const ic = instanceFor(ctx);
  const filter = ctx.input.Filter as { Status?: unknown } | undefined;
  const status = typeof filter?.Status === "string" ? filter.Status : undefined;
  const ops = ctx.state.assignments.operationsOf(kind, status as AssignmentOperation["status"] | undefined);
  const page = jsonPage(ctx, `${ic.instanceArn}:${status ?? ""}`, ops, LIMITS);
  return {
    items: page.items.map((op) => ({
      Status: op.status,
      RequestId: op.requestId,
      CreatedDate: epochSeconds(new Date(op.createdAt)),
    })),
    NextToken: page.NextToken,
  };
}

export const accountAssignmentHandlers: ServiceHandlers = {
  CreateAccountAssignment: (ctx) => ({
    AccountAssignmentCreationStatus: renderStatus(startOperation(ctx, "create")),
  }),
  DeleteAccountAssignment: (ctx) => ({
    AccountAssignmentDeletionStatus: renderStatus(startOperation(ctx, "delete")),
  }),
  DescribeAccountAssignmentCreationStatus: (ctx) => ({
    AccountAssignmentCreationStatus: describe(ctx, "create", "AccountAssignmentCreationRequestId"),
  }),
  DescribeAccountAssignmentDeletionStatus: (ctx) => ({
    AccountAssignmentDeletionStatus: describe(ctx, "delete", "AccountAssignmentDeletionRequestId"),
  }),
  ListAccountAssignmentCreationStatus: (ctx) => {
    const { items, NextToken } = listOperations(ctx, "create");
    return { AccountAssignmentsCreationStatus: items, NextToken };
  },
  ListAccountAssignmentDeletionStatus: (ctx) => {
    const { items, NextToken } = listOperations(ctx, "delete");
    return { AccountAssignmentsDeletionStatus: items, NextToken };
  },
  ListAccountAssignments: (ctx) => {
    const psArn = permissionSetArn(ctx);
    const accountId = requiredJsonString(ctx, "AccountId");
    const assignments = ctx.state.assignments.list({ accountId, permissionSetArn: psArn });
    const page = jsonPage(ctx, `${accountId}:${psArn}`, assignments, LIMITS);
    return {
      AccountAssignments: page.items.map((a) => ({
        AccountId: a.accountId,
        PermissionSetArn: a.permissionSetArn,
        PrincipalType: a.principalType,
        PrincipalId: a.principalId,
      })),
      NextToken: page.NextToken,
    };
  },
  ListAccountAssignmentsForPrincipal: (ctx) => {
    const ic = instanceFor(ctx);
    const principalId = requiredJsonString(ctx, "PrincipalId");
    const type = principalType(ctx);
    const assignments = ctx.state.assignments.list({ principalId }).filter((a) => a.principalType === type);
    const page = jsonPage(ctx, `${ic.instanceArn}:${type}:${principalId}`, assignments, LIMITS);
    return {
      AccountAssignments: page.items.map((a) => ({
        AccountId: a.accountId,
        PermissionSetArn: a.permissionSetArn,
        PrincipalType: a.principalType,
        PrincipalId: a.principalId,
      })),
      NextToken: page.NextToken,
    };
  },
};
