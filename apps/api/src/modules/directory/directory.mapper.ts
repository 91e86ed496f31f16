import type { TDirectoryGroup, TDirectoryUser, TIdentityProvider } from "@portcullis/shared";
import type { DirectoryGroup, DirectoryUser, IdentityProvider } from "../../generated/prisma/client.ts";

export function toIdentityProvider(row: IdentityProvider): TIdentityProvider {
  return { id: row.id, name: row.name, type: row.type };
}

export function toDirectoryUser(row: DirectoryUser): TDirectoryUser {
  return { id: row.id, email: row.email, name: row.name, provider_id: row.providerId };
}

export function toDirectoryGroup(row: DirectoryGroup & { _count: { memberships: number } }): TDirectoryGroup {
  return { id: row.id, name: row.name, provider_id: row.providerId, member_count: row._count.memberships };
}
