import { ApiError } from "../protocol/api-error.ts";
import { cloudTrailEventJson, type TrailEvent } from "../state/cloud-trail.ts";
import type { RequestContext, ServiceHandlers } from "./context.ts";
import { jsonString } from "./params.ts";

const MAX_RESULTS = 50;

type LookupAttribute = { AttributeKey?: unknown; AttributeValue?: unknown };

// The lookup attributes the sandbox filters on, by CloudTrail's attribute key.
const ATTRIBUTES: Record<string, (event: TrailEvent) => string> = {
  Username: (e) => e.username,
  AccessKeyId: (e) => e.accessKeyId,
  EventName: (e) => e.eventName,
  ReadOnly: (e) => String(e.readOnly),
  EventId: (e) => e.eventId,
  EventSource: (e) => e.eventSource,
};

function attributeFilter(ctx: RequestContext): ((event: TrailEvent) => boolean) | undefined {
  const raw = ctx.input.LookupAttributes;
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) return undefined;
  const list = raw as LookupAttribute[];
  // CloudTrail accepts one lookup attribute per request.
  if (!Array.isArray(raw) || list.length > 1) {
    throw new ApiError(
      "InvalidLookupAttributesException",
      "You cannot specify more than one lookup attribute.",
      400,
    );
  }
  const { AttributeKey: key, AttributeValue: value } = list[0]!;
  const read = typeof key === "string" ? ATTRIBUTES[key] : undefined;
  if (read === undefined || typeof value !== "string") {
    throw new ApiError(
      "InvalidLookupAttributesException",
      `Lookup attribute ${String(key)} is not supported; use one of ${Object.keys(ATTRIBUTES).join(", ")}.`,
      400,
    );
  }
  return (event) => read(event) === value;
}

// JSON 1.1 sends timestamps as epoch seconds.
function time(ctx: RequestContext, name: string): number | undefined {
  const value = ctx.input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number") {
    throw new ApiError("InvalidTimeRangeException", `${name} must be a timestamp.`, 400);
  }
  return value * 1000;
}

// Page tokens point after the last event returned, in newest-first order, so events
// delivered meanwhile do not shift the pages.
type Cursor = { t: number; s: number };

function decodeCursor(ctx: RequestContext): Cursor | undefined {
  const token = jsonString(ctx, "NextToken");
  if (token === undefined) return undefined;
  try {
    const cursor = JSON.parse(Buffer.from(token, "base64url").toString()) as Cursor;
    if (Number.isFinite(cursor.t) && Number.isInteger(cursor.s)) return cursor;
  } catch {
    // Falls through to the error below.
  }
  throw new ApiError("InvalidNextTokenException", "Invalid NextToken.", 400);
}

const after = (event: TrailEvent, cursor: Cursor) =>
  event.eventTime < cursor.t || (event.eventTime === cursor.t && event.seq < cursor.s);

function lookupEvents(ctx: RequestContext) {
  const max = ctx.input.MaxResults;
  if (
    max !== undefined &&
    (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS)
  ) {
    throw new ApiError("InvalidMaxResultsException", `MaxResults must be between 1 and ${MAX_RESULTS}.`, 400);
  }
  const start = time(ctx, "StartTime");
  const end = time(ctx, "EndTime");
  if (start !== undefined && end !== undefined && start > end) {
    throw new ApiError("InvalidTimeRangeException", "StartTime must be before EndTime.", 400);
  }
  const filter = attributeFilter(ctx);
  const cursor = decodeCursor(ctx);
  const size = (max as number | undefined) ?? MAX_RESULTS;
  const matching = ctx.state.trail
    .delivered(ctx.caller.accountId, ctx.region, ctx.now())
    .filter(
      (e) =>
        (start === undefined || e.eventTime >= start) &&
        (end === undefined || e.eventTime <= end) &&
        (filter === undefined || filter(e)) &&
        (cursor === undefined || after(e, cursor)),
    );
  const page = matching.slice(0, size);
  const last = page.at(-1);
  return {
    Events: page.map((e) => ({
      EventId: e.eventId,
      EventName: e.eventName,
      ReadOnly: String(e.readOnly),
      AccessKeyId: e.accessKeyId,
      EventTime: e.eventTime / 1000,
      EventSource: e.eventSource,
      Username: e.username,
      Resources: e.resources,
      CloudTrailEvent: cloudTrailEventJson(e),
    })),
    NextToken:
      matching.length > size && last !== undefined
        ? Buffer.from(JSON.stringify({ t: last.eventTime, s: last.seq })).toString("base64url")
        : undefined,
  };
}

export const cloudTrailHandlers: ServiceHandlers = { LookupEvents: lookupEvents };
