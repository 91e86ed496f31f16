import type {
  TIdentityGroup,
  TIdentityPerson,
  TIdentitySource,
  TIdentitySourceType,
} from "@portcullis/shared";
import type { IdentitySource, IdentitySourceType } from "../../generated/prisma/client.ts";
import type { GroupWithMembers } from "./groups.repository.ts";
import type { PersonWithGroups } from "./people.repository.ts";

const TYPE_NAMES: Record<IdentitySourceType, TIdentitySourceType> = {
  scim: "scim",
  built_in: "built-in",
  iam_identity_center: "iam-identity-center",
  demo: "demo",
};

export function toSourceType(type: TIdentitySourceType): IdentitySourceType {
  const entry = Object.entries(TYPE_NAMES).find(([, name]) => name === type);
  return entry![0] as IdentitySourceType;
}

type SourceRow = IdentitySource & { _count: { people: number; groups: number } };

export function toIdentitySource(row: SourceRow, scimBaseUrl: string): TIdentitySource {
  return {
    id: row.id,
    name: row.name,
    type: TYPE_NAMES[row.type],
    status: row.status,
    scim_base_url: row.type === "scim" ? scimBaseUrl : null,
    token_prefix: row.type === "scim" ? row.tokenPrefix : null,
    people_count: row._count.people,
    group_count: row._count.groups,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toIdentityPerson(row: PersonWithGroups): TIdentityPerson {
  return {
    id: row.id,
    source_id: row.sourceId,
    user_name: row.userName,
    email: row.email,
    display_name: row.displayName,
    given_name: row.givenName,
    family_name: row.familyName,
    title: row.title,
    active: row.active,
    external_id: row.externalId,
    department: row.department,
    manager_id: row.managerId,
    employee_number: row.employeeNumber,
    cost_center: row.costCenter,
    organization: row.organization,
    groups: row.memberships.map(({ group }) => ({ id: group.id, display_name: group.displayName })),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toIdentityGroup(row: GroupWithMembers): TIdentityGroup {
  return {
    id: row.id,
    source_id: row.sourceId,
    display_name: row.displayName,
    external_id: row.externalId,
    members: row.members.map(({ person }) => ({
      id: person.id,
      user_name: person.userName,
      display_name: person.displayName,
    })),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
