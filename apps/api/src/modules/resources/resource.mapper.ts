import type { TResourceV3 } from "@portcullis/shared";
import type { Owners } from "../../core/resource-owners.ts";
import type { ResourceRow } from "./resource.repository.ts";

/** Tags are a map of strings in AWS; anything else in the column is left out (a plain loop: it runs for every resource of every page). */
function tagsOf(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return tags;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const tag = record[key];
    if (typeof tag === "string") tags[key] = tag;
  }
  return tags;
}

export function resourceTags(row: ResourceRow): Record<string, string> {
  return tagsOf(row.tags);
}

/**
 * ResourceResponse plus `portcullis`. Discovered resources are listed while they exist: Active.
 * `owners` are resolved from the directory at read time; without them, what the fetch stored.
 */
export function toResourceV3(row: ResourceRow, owners?: Owners): TResourceV3 {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    status: { status: "Active", message: null },
    portcullis: {
      external_id: row.external_id,
      account_id: row.account_id,
      region: row.region,
      tags: tagsOf(row.tags),
      owners: owners ? owners.owners : (row.owners ?? []),
      owner_source: owners ? owners.source : row.owner_source,
      ...(owners ? { owner_details: owners.details } : {}),
      first_seen: row.first_seen.toISOString(),
      last_seen: row.last_seen.toISOString(),
    },
  };
}
