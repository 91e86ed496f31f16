import { z } from "zod";
import type { GroupFields, GroupWithMembers } from "../identity-sources/groups.repository.ts";
import { GROUP_SCHEMA } from "./scim-constants.ts";
import { ScimError } from "./scim-error.ts";

const ZScimGroupInput = z.looseObject({
  displayName: z
    .string({ error: "displayName is required" })
    .trim()
    .min(1, { error: "displayName is required" })
    .max(1000),
  externalId: z
    .string()
    .max(1000)
    .nullish()
    .transform((value) => value || null),
  members: z
    .array(
      z.looseObject({
        value: z.string({ error: "each member needs a value (the id of a User)" }).min(1).max(200),
        type: z.string().nullish(),
      }),
    )
    .nullish(),
});

export type GroupInput = { fields: GroupFields; memberIds: string[] };

/** The group a SCIM Group body describes. Members are Users of the same source (nested groups are refused). */
export function toGroupInput(body: unknown): GroupInput {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw ScimError.badRequest("invalidSyntax", "The request body must be a JSON object (a SCIM Group).");
  }
  const parsed = ZScimGroupInput.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw ScimError.badRequest(
      "invalidValue",
      `${issue.path.map(String).join(".") || "(body)"}: ${issue.message}`,
    );
  }
  const members = parsed.data.members ?? [];
  if (members.some((member) => member.type && member.type.toLowerCase() === "group")) {
    throw ScimError.badRequest("invalidValue", "members: nested groups are not supported; add their users.");
  }
  return {
    fields: { displayName: parsed.data.displayName, externalId: parsed.data.externalId },
    memberIds: [...new Set(members.map((member) => member.value))],
  };
}

export function toScimGroup(group: GroupWithMembers, baseUrl: string): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.members.map(({ person }) => ({
      value: person.id,
      display: person.displayName ?? person.userName,
      type: "User",
      $ref: `${baseUrl}/Users/${person.id}`,
    })),
    meta: {
      resourceType: "Group",
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: `${baseUrl}/Groups/${group.id}`,
      version: `W/"${group.version}"`,
    },
  };
}
