import type { Filter } from "scim2-parse-filter";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./scim-constants.ts";
import { ScimError } from "./scim-error.ts";
import { parseFilter } from "./scim-filter-sql.ts";
import { type Projection, parseAttributeList } from "./scim-projection.ts";

export type ListQuery = {
  filter?: string;
  startIndex?: string;
  count?: string;
  attributes?: string;
  excludedAttributes?: string;
};

export type ListRequest = {
  filter: Filter | null;
  startIndex: number;
  count: number;
  projection: Projection;
};

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  if (!/^-?\d{1,9}$/.test(text.trim()))
    throw ScimError.badRequest("invalidValue", `${name} must be an integer.`);
  return Number(text);
}

/** RFC 7644 §3.4.2.4: startIndex below 1 means 1, a negative count means 0; counts are capped. */
export function toListRequest(query: ListQuery, coreSchema: string): ListRequest {
  return {
    filter: query.filter?.trim() ? parseFilter(query.filter) : null,
    startIndex: Math.max(1, integer("startIndex", query.startIndex, 1)),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, integer("count", query.count, DEFAULT_PAGE_SIZE))),
    projection: toProjection(query, coreSchema),
  };
}

export function toProjection(
  query: { attributes?: string; excludedAttributes?: string },
  coreSchema: string,
): Projection {
  return {
    attributes: parseAttributeList(query.attributes, coreSchema),
    excluded: parseAttributeList(query.excludedAttributes, coreSchema),
  };
}
