import type { TDirectoryGroup, TDirectoryUser, TIdentityProvider } from "@portcullis/shared";
import type { IdentityGroup, IdentityPerson, IdentitySourceType } from "../../generated/prisma/client.ts";

type SourceRef = { id: string; name: string; type: IdentitySourceType };

/** As the identity-sources API spells the types ("built-in", "iam-identity-center"). */
const TYPE_NAMES: Record<IdentitySourceType, string> = {
  scim: "scim",
  built_in: "built-in",
  iam_identity_center: "iam-identity-center",
  demo: "demo",
};

export function toIdentityProvider(source: SourceRef): TIdentityProvider {
  return { id: source.id, name: source.name, type: TYPE_NAMES[source.type] };
}

/** What the owner pickers show of a person. */
export type DirectoryPerson = Pick<
  IdentityPerson,
  "id" | "email" | "userName" | "displayName" | "givenName" | "familyName" | "sourceId"
> & { source: SourceRef };

export function toDirectoryUser(row: DirectoryPerson): TDirectoryUser {
  return {
    id: row.id,
    email: row.email ?? row.userName,
    name: row.displayName ?? ([row.givenName, row.familyName].filter(Boolean).join(" ") || row.userName),
    user_name: row.userName,
    provider_id: row.sourceId,
    provider_name: row.source.name,
    provider_type: TYPE_NAMES[row.source.type],
  };
}

export function toDirectoryGroup(
  row: IdentityGroup & { source: SourceRef; _count: { members: number } },
): TDirectoryGroup {
  return {
    id: row.id,
    name: row.displayName,
    provider_id: row.sourceId,
    provider_name: row.source.name,
    provider_type: TYPE_NAMES[row.source.type],
    member_count: row._count.members,
  };
}
