import type { LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";
import type { AwsClients, AwsIdentity } from "../discovery/aws/aws-clients.ts";
import { sdk } from "../discovery/aws/sdk.ts";
import { type AssumeRoleDetail, type IssuedSession, issuedSessionOf } from "./issued-session.ts";
import {
  lookupAttributes,
  matchesPrincipal,
  type SessionPrincipal,
  type UserIdentity,
} from "./session-principal.ts";

/** CloudTrail's largest page. */
const PAGE_SIZE = 50;

/** One CloudTrail event of a session, as stored. */
export type ReadEvent = {
  eventId: string;
  eventTime: Date;
  eventName: string;
  eventSource: string;
  resources: string[];
  readOnly: boolean;
  sourceIp: string | null;
  userAgent: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  principal: string;
  accessKeyId: string | null;
  /** For a successful AssumeRole: the role session it started. */
  issuedSession?: IssuedSession | null;
};

type Detail = AssumeRoleDetail & {
  userIdentity?: UserIdentity;
  sourceIPAddress?: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  readOnly?: boolean;
};

function parseDetail(json: string | undefined): Detail {
  if (!json) return {};
  try {
    return JSON.parse(json) as Detail;
  } catch {
    return {};
  }
}

type LookedUp = NonNullable<LookupEventsCommandOutput["Events"]>[number];

function toReadEvent(event: LookedUp, detail: Detail): ReadEvent | null {
  if (!event.EventId || !event.EventTime || !event.EventName) return null;
  const errorCode = detail.errorCode ?? null;
  return {
    eventId: event.EventId,
    eventTime: event.EventTime,
    eventName: event.EventName,
    eventSource: event.EventSource ?? "",
    resources: (event.Resources ?? []).flatMap((r) => (r.ResourceName ? [r.ResourceName] : [])),
    readOnly: detail.readOnly ?? event.ReadOnly === "true",
    sourceIp: detail.sourceIPAddress ?? null,
    userAgent: detail.userAgent ?? null,
    errorCode,
    errorMessage: detail.errorMessage ?? null,
    principal: event.Username ?? detail.userIdentity?.userName ?? "",
    accessKeyId: event.AccessKeyId ?? detail.userIdentity?.accessKeyId ?? null,
    issuedSession: issuedSessionOf(
      { eventName: event.EventName, eventTime: event.EventTime, errorCode },
      detail,
    ),
  };
}

export type ReadWindow = {
  /** Who reads: the connector, or the member role in an organization's account. */
  identity: AwsIdentity;
  region: string;
  principal: SessionPrincipal;
  start: Date;
  end: Date;
  signal?: AbortSignal;
};

/**
 * Every event of the principal in one account and region between start and end, 50 a page
 * with NextToken. Calls go through the process's CloudTrail limiter (2 requests/s per account
 * and region, see discovery-config.ts), so concurrent readers of one account share the quota.
 */
export async function readSessionEvents(aws: AwsClients, window: ReadWindow): Promise<ReadEvent[]> {
  const [client, { LookupEventsCommand }] = await Promise.all([
    aws.get("cloudtrail", window.identity, window.region),
    sdk.cloudtrail(),
  ]);
  const events: ReadEvent[] = [];
  for (const attribute of lookupAttributes(window.principal)) {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new LookupEventsCommand({
          StartTime: window.start,
          EndTime: window.end,
          LookupAttributes: [{ AttributeKey: attribute.key, AttributeValue: attribute.value }],
          MaxResults: PAGE_SIZE,
          NextToken: nextToken,
        }),
        { abortSignal: window.signal },
      );
      for (const event of page.Events ?? []) {
        const detail = parseDetail(event.CloudTrailEvent);
        if (!detail.userIdentity || !matchesPrincipal(window.principal, detail.userIdentity)) continue;
        const read = toReadEvent(event, detail);
        if (read) events.push(read);
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return events;
}
