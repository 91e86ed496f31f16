import { randomUUID } from "node:crypto";
import type { Caller } from "../auth/caller.ts";

export type TrailInput = {
  readonly eventName: string;
  readonly eventSource: string;
  readonly eventTime: number;
  readonly accountId: string;
  readonly region: string;
  readonly username: string;
  readonly accessKeyId: string;
  readonly readOnly: boolean;
  readonly resources: readonly { readonly ResourceType: string; readonly ResourceName: string }[];
  // Shared with the credential store; userIdentity is built from it only when looked up.
  readonly caller: Caller;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestId: string;
  // CloudTrail writes null when the operation has none.
  readonly requestParameters?: Record<string, unknown>;
  readonly responseElements?: Record<string, unknown>;
};

export type TrailEvent = TrailInput & {
  readonly seq: number;
  readonly eventId: string;
  // When LookupEvents first shows it: eventTime plus the delivery delay.
  readonly deliveredAt: number;
};

// The CloudTrailEvent JSON document, rendered only when an event is looked up (every call
// of a session is recorded, and benchmarks make many).
export function cloudTrailEventJson(event: TrailEvent): string {
  return JSON.stringify({
    eventVersion: "1.09",
    userIdentity: userIdentity(event.caller, event.eventTime),
    eventTime: new Date(event.eventTime).toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: event.eventSource,
    eventName: event.eventName,
    awsRegion: event.region,
    sourceIPAddress: event.sourceIPAddress,
    userAgent: event.userAgent,
    errorCode: event.errorCode,
    errorMessage: event.errorMessage,
    requestParameters: event.requestParameters ?? null,
    responseElements: event.responseElements ?? null,
    requestID: event.requestId,
    eventID: event.eventId,
    readOnly: event.readOnly,
    resources: event.resources.map((r) => ({ ARN: r.ResourceName, type: r.ResourceType })),
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: event.accountId,
    eventCategory: "Management",
  });
}

function userIdentity(caller: Caller, eventTime: number): Record<string, unknown> {
  if (caller.assumedRole === undefined) {
    return {
      type: "IAMUser",
      principalId: caller.userId,
      arn: caller.arn,
      accountId: caller.accountId,
      accessKeyId: caller.accessKeyId,
      userName: caller.iamUser?.name,
    };
  }
  const roleArn = caller.assumedRole.roleArn;
  return {
    type: "AssumedRole",
    principalId: caller.userId,
    arn: caller.arn,
    accountId: caller.accountId,
    accessKeyId: caller.accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId: caller.userId.split(":")[0],
        arn: roleArn,
        accountId: caller.accountId,
        userName: roleArn.slice(roleArn.lastIndexOf("/") + 1),
      },
      attributes: { creationDate: new Date(eventTime).toISOString(), mfaAuthenticated: "false" },
    },
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// How CloudTrail writes a timestamp inside responseElements (AssumeRole's credentials.expiration):
// "Jul 19, 2023, 10:15:04 PM", in UTC without a zone — not ISO like eventTime.
export function responseElementTime(epochMs: number): string {
  const d = new Date(epochMs);
  const hour = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hour}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCHours() < 12 ? "AM" : "PM"}`;
}

// Default delivery delay: CloudTrail shows events minutes after the call; a few seconds keeps
// tests quick while still making callers cope with late events.
export const DEFAULT_TRAIL_DELAY_MS = 5000;
const DEFAULT_CAPACITY = 100_000;

// Management events recorded from the calls sandbox credentials really make. A ring buffer,
// so long benchmarks cannot grow it without bound.
export class CloudTrail {
  private events: TrailEvent[] = [];
  private seq = 0;

  constructor(
    readonly delayMs: number = DEFAULT_TRAIL_DELAY_MS,
    private readonly capacity: number = DEFAULT_CAPACITY,
  ) {}

  record(input: TrailInput): TrailEvent {
    const event: TrailEvent = {
      ...input,
      seq: ++this.seq,
      eventId: randomUUID(),
      deliveredAt: input.eventTime + this.delayMs,
    };
    this.events.push(event);
    // Trim in batches so a full buffer does not copy on every call.
    if (this.events.length > this.capacity * 1.1) this.events = this.events.slice(-this.capacity);
    return event;
  }

  // Delivered events of one account and region, newest first.
  delivered(accountId: string, region: string, now: number): TrailEvent[] {
    const out: TrailEvent[] = [];
    for (let i = this.events.length - 1; i >= 0; i--) {
      const event = this.events[i]!;
      if (event.accountId === accountId && event.region === region && event.deliveredAt <= now)
        out.push(event);
    }
    return out.sort((a, b) => b.eventTime - a.eventTime || b.seq - a.seq);
  }

  get size(): number {
    return this.events.length;
  }
}
