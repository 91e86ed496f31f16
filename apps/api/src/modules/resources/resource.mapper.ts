import type { TResourceV3 } from "@portcullis/shared";
import type { Resource } from "../../generated/prisma/client.ts";

/** Tags are a map of strings in AWS; anything else in the column is left out. */
function tagsOf(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** ResourceResponse plus `portcullis`. Discovered resources are listed while they exist: Active. */
export function toResourceV3(row: Resource): TResourceV3 {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    status: { status: "Active", message: null },
    portcullis: {
      external_id: row.externalId,
      account_id: row.accountId,
      region: row.region,
      tags: tagsOf(row.tags),
      owners: row.owners,
      owner_source: row.ownerSource,
      first_seen: row.firstSeen.toISOString(),
      last_seen: row.lastSeen.toISOString(),
    },
  };
}
