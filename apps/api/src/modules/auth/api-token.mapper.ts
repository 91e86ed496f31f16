import type { TApiToken } from "@portcullis/shared";
import type { ApiToken } from "../../generated/prisma/client.ts";

/** A token as listed: never the secret or its hash. */
export function toApiToken(row: ApiToken): TApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
  };
}
