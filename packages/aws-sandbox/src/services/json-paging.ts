import { decodeToken, nextToken, pageOf, pageSize } from "../protocol/pagination.ts";
import { serviceError } from "../protocol/service-errors.ts";
import type { RequestContext } from "./context.ts";
import { jsonInt, jsonString } from "./params.ts";

export type JsonPageLimits = { max: number; fallback: number };

// MaxResults/NextToken paging shared by the JSON 1.1 services. Out-of-range MaxResults is
// rejected (as AWS's validation does) instead of silently clamped, so client bugs surface.
export function jsonPage<T>(
  ctx: RequestContext,
  scope: string,
  items: readonly T[],
  limits: JsonPageLimits,
): { items: T[]; NextToken?: string } {
  const size = pageSize(
    jsonInt(ctx, "MaxResults"),
    { min: 1, max: limits.max, fallback: limits.fallback },
    () =>
      serviceError(
        ctx.service,
        "validation",
        `1 validation error detected: Value '${String(ctx.input.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${limits.max}`,
      ),
  );
  const fullScope = `${ctx.operation}:${scope}`;
  const offset = decodeToken(jsonString(ctx, "NextToken"), fullScope, () =>
    serviceError(ctx.service, "validation", "The provided NextToken is not valid."),
  );
  const page = pageOf(items, offset, size);
  return { items: page.items, NextToken: nextToken(fullScope, page) };
}

// JSON 1.1 timestamps are epoch seconds.
export const epochSeconds = (date: Date): number => date.getTime() / 1000;
