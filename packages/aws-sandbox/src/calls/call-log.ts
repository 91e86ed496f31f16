import type { ServiceName } from "../services/service-name.ts";

// One line per request. Strings are shared with the world and credential store, so a record
// costs a few numbers and pointers; ~100k of them stay in the tens of MB.
export type CallRecord = {
  readonly at: number;
  readonly service: ServiceName | "unknown";
  readonly operation: string;
  readonly region: string;
  // Account of the long-lived credential behind the call (start of any AssumeRole chain).
  readonly callerAccountId?: string;
  // The effective identity: user ARN, or assumed-role session ARN.
  readonly callerArn?: string;
  // Account the call concerns: the assumed role's account, the bucket owner, or the
  // RoleArn's account for AssumeRole.
  readonly targetAccountId?: string;
  readonly status: number;
  readonly errorCode?: string;
  readonly throttled: boolean;
  readonly durationMs: number;
  // Latency injected by fault rules (part of durationMs), so tests can check what the
  // sandbox chose without depending on the machine's speed.
  readonly injectedDelayMs?: number;
};

export type CallFilter = {
  service?: ServiceName;
  operation?: string;
  // Matches targetAccountId.
  accountId?: string;
  callerAccountId?: string;
  errorCode?: string;
  throttled?: boolean;
};

const matches = (record: CallRecord, filter: CallFilter): boolean =>
  (filter.service === undefined || record.service === filter.service) &&
  (filter.operation === undefined || record.operation === filter.operation) &&
  (filter.accountId === undefined || record.targetAccountId === filter.accountId) &&
  (filter.callerAccountId === undefined || record.callerAccountId === filter.callerAccountId) &&
  (filter.errorCode === undefined || record.errorCode === filter.errorCode) &&
  (filter.throttled === undefined || record.throttled === filter.throttled);

// A ring buffer: past `capacity` records the oldest are dropped (see `dropped`), so a
// long benchmark cannot grow memory without bound.
export class CallLog {
  private records: CallRecord[] = [];
  private head = 0;
  private droppedCount = 0;

  constructor(private readonly capacity = 250_000) {}

  add(record: CallRecord): void {
    if (this.records.length < this.capacity) {
      this.records.push(record);
      return;
    }
    this.records[this.head] = record;
    this.head = (this.head + 1) % this.capacity;
    this.droppedCount++;
  }

  // Oldest first.
  all(): CallRecord[] {
    return this.head === 0
      ? [...this.records]
      : [...this.records.slice(this.head), ...this.records.slice(0, this.head)];
  }

  query(filter: CallFilter = {}): CallRecord[] {
    return this.all().filter((record) => matches(record, filter));
  }

  count(filter: CallFilter = {}): number {
    let n = 0;
    for (const record of this.records) if (matches(record, filter)) n++;
    return n;
  }

  // Distinct target accounts, sorted.
  accounts(filter: CallFilter = {}): string[] {
    const seen = new Set<string>();
    for (const record of this.records) {
      if (record.targetAccountId !== undefined && matches(record, filter)) seen.add(record.targetAccountId);
    }
    return [...seen].sort();
  }

  // "service:Operation" → number of calls.
  countsByOperation(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const record of this.records) {
      const key = `${record.service}:${record.operation}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  get size(): number {
    return this.records.length;
  }

  reset(): void {
    this.records = [];
    this.head = 0;
    this.droppedCount = 0;
  }
}
