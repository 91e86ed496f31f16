import { decodeToken, nextToken, pageOf, pageSize } from "../protocol/pagination.ts";
import { serviceError } from "../protocol/service-errors.ts";
import { leaf, list } from "../protocol/xml.ts";
import type { RequestContext } from "./context.ts";
import { intParam, stringParam } from "./params.ts";

// IAM lists: Marker/MaxItems in, IsTruncated/Marker out; MaxItems 1..1000, default 100.
export function iamPaged<T>(
  ctx: RequestContext,
  scope: string,
  items: readonly T[],
  listName: string,
  render: (item: T) => string,
): string {
  const size = pageSize(intParam(ctx, "MaxItems"), { min: 1, max: 1000, fallback: 100 }, (message) =>
    serviceError("iam", "validation", message),
  );
  const fullScope = `${ctx.operation}:${ctx.caller.accountId}:${scope}`;
  const offset = decodeToken(stringParam(ctx, "Marker"), fullScope, () =>
    serviceError("iam", "validation", "Invalid Marker."),
  );
  const page = pageOf(items, offset, size);
  const marker = nextToken(fullScope, page);
  return (
    list(listName, "member", page.items, render) +
    leaf("IsTruncated", marker !== undefined) +
    leaf("Marker", marker)
  );
}
