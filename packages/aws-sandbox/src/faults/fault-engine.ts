import { TokenBucket } from "./token-bucket.ts";
import type {
  FaultDecision,
  FaultMatch,
  FaultOutcome,
  FaultRequest,
  FaultRule,
  FaultScope,
  FaultTrigger,
} from "./types.ts";

const ORGANIZATIONS_IN_PROGRESS =
  "AWS Organizations can't complete your request because another request is already in progress. Try again later.";

// Operations whose outcome is decided later, the only ones async-failure rules apply to.
const ASYNC_OPERATIONS = new Set(["CreateAccountAssignment", "DeleteAccountAssignment"]);

type RuleState = { rule: FaultRule; remaining?: number };

const matchesOne = (want: string | readonly string[] | undefined, value: string) =>
  want === undefined || (typeof want === "string" ? want === value : want.includes(value));

function matches(rule: FaultMatch, request: FaultRequest): boolean {
  return (
    matchesOne(rule.service, request.service) &&
    matchesOne(rule.operation, request.operation) &&
    matchesOne(rule.accountId, request.accountId) &&
    matchesOne(rule.region, request.region)
  );
}

function scopeKey(index: number, per: FaultScope | undefined, request: FaultRequest): string {
  const base = `${index}|${request.service}`;
  switch (per ?? "account-region") {
    case "global":
      return base;
    case "organization":
      return `${base}|${request.organizationId ?? request.accountId}`;
    case "account":
      return `${base}|${request.accountId}`;
    case "account-region":
      return `${base}|${request.accountId}|${request.region}`;
    case "operation":
      return `${base}|${request.operation}`;
  }
}

// Evaluates the fault rules for one call. Rules are checked in order: latencies add up,
// the first rule that fails the call decides the outcome.
export class FaultEngine {
  private states: RuleState[] = [];
  private buckets = new Map<string, TokenBucket>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    rules: readonly FaultRule[],
    private readonly random: () => number,
    private readonly now: () => number,
  ) {
    this.set(rules);
  }

  set(rules: readonly FaultRule[]): void {
    this.states = rules.map((rule) => ({ rule, remaining: "count" in rule ? rule.count : undefined }));
    this.buckets = new Map();
  }

  add(rule: FaultRule): void {
    this.states.push({ rule, remaining: "count" in rule ? rule.count : undefined });
  }

  rules(): FaultRule[] {
    return this.states.map((state) => state.rule);
  }

  evaluate(request: FaultRequest): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    const acquired: string[] = [];
    for (let index = 0; index < this.states.length; index++) {
      const state = this.states[index]!;
      const { rule } = state;
      if (!matches(rule, request)) continue;
      switch (rule.type) {
        case "latency":
          if (this.fires(state, rule)) decision.delayMs += this.latency(rule.ms);
          break;
        case "rate-limit": {
          if (decision.outcome !== undefined) break;
          const key = scopeKey(index, rule.per, request);
          let bucket = this.buckets.get(key);
          if (bucket === undefined) {
            bucket = new TokenBucket(rule.burst, rule.refillPerSecond, this.now());
            this.buckets.set(key, bucket);
          }
          if (!bucket.take(this.now())) decision.outcome = { kind: "throttle" };
          break;
        }
        case "single-flight": {
          if (decision.outcome !== undefined) break;
          const key = scopeKey(index, rule.per ?? "operation", request);
          if ((this.inFlight.get(key) ?? 0) > 0) {
            decision.outcome = {
              kind: "throttle",
              message: request.service === "organizations" ? ORGANIZATIONS_IN_PROGRESS : undefined,
            };
          } else {
            this.inFlight.set(key, 1);
            acquired.push(key);
          }
          break;
        }
        case "async-failure":
          if (!ASYNC_OPERATIONS.has(request.operation)) break;
          if (decision.outcome === undefined && this.fires(state, rule))
            decision.outcome = { kind: "async-failure", reason: rule.reason };
          break;
        default:
          if (decision.outcome === undefined && this.fires(state, rule)) decision.outcome = outcomeOf(rule);
      }
    }
    if (acquired.length > 0) {
      decision.release = () => {
        for (const key of acquired) this.inFlight.delete(key);
      };
    }
    return decision;
  }

  private fires(state: RuleState, trigger: FaultTrigger): boolean {
    if (state.remaining !== undefined && state.remaining <= 0) return false;
    if (trigger.probability !== undefined && this.random() >= trigger.probability) return false;
    if (state.remaining !== undefined) state.remaining--;
    return true;
  }

  private latency(ms: number | readonly [number, number]): number {
    if (typeof ms === "number") return ms;
    const [min, max] = ms;
    return min + this.random() * (max - min);
  }
}

function outcomeOf(rule: FaultRule): FaultOutcome {
  switch (rule.type) {
    case "throttle":
      return { kind: "throttle" };
    case "error":
      return { kind: "error", code: rule.code, status: rule.status, message: rule.message };
    default:
      return { kind: "hang" };
  }
}
