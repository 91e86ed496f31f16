import { randomUUID } from "node:crypto";

export type PrincipalType = "USER" | "GROUP";

export type Assignment = {
  readonly accountId: string;
  readonly permissionSetArn: string;
  readonly principalType: PrincipalType;
  readonly principalId: string;
};

export type OperationStatus = "IN_PROGRESS" | "SUCCEEDED" | "FAILED";

export type AssignmentOperation = {
  readonly requestId: string;
  readonly kind: "create" | "delete";
  readonly assignment: Assignment;
  readonly createdAt: number;
  status: OperationStatus;
  failureReason?: string;
  polls: number;
  // Set when a fault asked this operation to fail once it settles.
  readonly failWith?: string;
};

// When an IN_PROGRESS operation settles: after `polls` Describe…Status calls, or `ms`
// milliseconds of the sandbox clock, whichever comes first.
export type AssignmentTiming = { polls?: number; ms?: number; maxOutstanding?: number };

export const DEFAULT_ASSIGNMENT_TIMING = { polls: 1, ms: 2000, maxOutstanding: 10 } as const;

const keyOf = (a: Assignment) => `${a.accountId}|${a.permissionSetArn}|${a.principalType}|${a.principalId}`;

// Identity Center account assignments. Create/Delete are asynchronous as in AWS: they return
// an operation IN_PROGRESS, and the assignment changes only when the operation settles.
export class AssignmentStore {
  private readonly assignments = new Map<string, Assignment>();
  private readonly operations = new Map<string, AssignmentOperation>();
  private readonly timing: Required<AssignmentTiming>;
  private peak = 0;

  constructor(
    private readonly now: () => number,
    timing: AssignmentTiming = {},
  ) {
    this.timing = { ...DEFAULT_ASSIGNMENT_TIMING, ...timing };
  }

  // An operation already IN_PROGRESS on the same account and permission set, if any.
  inProgressOn(accountId: string, permissionSetArn: string): AssignmentOperation | undefined {
    this.settleDue();
    for (const op of this.operations.values()) {
      if (
        op.status === "IN_PROGRESS" &&
        op.assignment.accountId === accountId &&
        op.assignment.permissionSetArn === permissionSetArn
      )
        return op;
    }
    return undefined;
  }

  outstanding(): number {
    this.settleDue();
    let count = 0;
    for (const op of this.operations.values()) if (op.status === "IN_PROGRESS") count++;
    return count;
  }

  // The most operations ever IN_PROGRESS at once: a test of a client's own cap reads it, since
  // the sandbox's refusal above maxOutstanding would hide a client that only relies on retries.
  get peakOutstanding(): number {
    return this.peak;
  }

  get maxOutstanding(): number {
    return this.timing.maxOutstanding;
  }

  start(kind: "create" | "delete", assignment: Assignment, failWith?: string): AssignmentOperation {
    const op: AssignmentOperation = {
      requestId: randomUUID(),
      kind,
      assignment,
      createdAt: this.now(),
      status: "IN_PROGRESS",
      polls: 0,
      failWith,
    };
    this.operations.set(op.requestId, op);
    this.peak = Math.max(this.peak, this.outstanding());
    return op;
  }

  // A Describe…Status call: counts as a poll, then reports the operation's state.
  poll(requestId: string, kind: "create" | "delete"): AssignmentOperation | undefined {
    const op = this.operations.get(requestId);
    if (op === undefined || op.kind !== kind) return undefined;
    if (op.status === "IN_PROGRESS") {
      op.polls++;
      if (op.polls > this.timing.polls) this.settle(op);
    }
    this.settleDue();
    return op;
  }

  list(filter: { accountId?: string; permissionSetArn?: string; principalId?: string }): Assignment[] {
    this.settleDue();
    return [...this.assignments.values()].filter(
      (a) =>
        (filter.accountId === undefined || a.accountId === filter.accountId) &&
        (filter.permissionSetArn === undefined || a.permissionSetArn === filter.permissionSetArn) &&
        (filter.principalId === undefined || a.principalId === filter.principalId),
    );
  }

  operationsOf(kind: "create" | "delete", status?: OperationStatus): AssignmentOperation[] {
    this.settleDue();
    return [...this.operations.values()].filter(
      (op) => op.kind === kind && (status === undefined || op.status === status),
    );
  }

  // Operations whose time is up settle lazily, whenever the store is read.
  private settleDue(): void {
    const cutoff = this.now() - this.timing.ms;
    for (const op of this.operations.values()) {
      if (op.status === "IN_PROGRESS" && op.createdAt <= cutoff) this.settle(op);
    }
  }

  private settle(op: AssignmentOperation): void {
    if (op.failWith !== undefined) {
      op.status = "FAILED";
      op.failureReason = op.failWith;
      return;
    }
    op.status = "SUCCEEDED";
    const key = keyOf(op.assignment);
    if (op.kind === "create") this.assignments.set(key, op.assignment);
    else this.assignments.delete(key);
  }
}
