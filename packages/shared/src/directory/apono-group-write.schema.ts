import { z } from "zod";
import { unknownKeysError } from "../common/unknown-keys.ts";

// Apono's group writes (apono-public-api.access.subset.openapi.json): CreateGroupV1,
// UpdateGroupMembersV1, UpdateGroupV1. They change groups of a built-in identity source only.

const NAME_MAX = 200;
const EMAIL_MAX = 320;
/** As many members as a built-in group's own form takes. */
export const GROUP_MEMBER_EMAILS_MAX = 10_000;

const ZGroupName = z
  .string({ error: "Enter a group name." })
  .trim()
  .min(1, { error: "Enter a group name." })
  .max(NAME_MAX, { error: `Group name must be at most ${NAME_MAX} characters.` });

/** An email as a member is named by: compared ignoring case, as people's emails are stored. */
export const ZMemberEmail = z
  .string({ error: "Each member is an email address." })
  .trim()
  .min(1, { error: "Each member is an email address." })
  .max(EMAIL_MAX, { error: `An email address has at most ${EMAIL_MAX} characters.` })
  .transform((email) => email.toLowerCase());

const ZMembersEmails = z
  .array(ZMemberEmail, { error: "members_emails must be a list of email addresses." })
  .max(GROUP_MEMBER_EMAILS_MAX, {
    error: `A group takes at most ${GROUP_MEMBER_EMAILS_MAX} members at once.`,
  });

/** POST /api/admin/v1/groups. */
export const ZCreateGroupV1 = z.strictObject(
  { name: ZGroupName, members_emails: ZMembersEmails },
  { error: unknownKeysError({ where: "a group", notAnObject: "Send the group as a JSON object." }) },
);
export type TCreateGroupV1 = z.output<typeof ZCreateGroupV1>;

/** PUT /api/admin/v1/groups/{id}/members: the group's members become exactly these. */
export const ZUpdateGroupMembersV1 = z.strictObject(
  { members_emails: ZMembersEmails },
  { error: unknownKeysError({ where: "a member list", notAnObject: "Send the members as a JSON object." }) },
);
export type TUpdateGroupMembersV1 = z.output<typeof ZUpdateGroupMembersV1>;

/** PUT /api/admin/v1/groups/{id}/name. */
export const ZUpdateGroupV1 = z.strictObject(
  { name: ZGroupName },
  { error: unknownKeysError({ where: "a group update", notAnObject: "Send the change as a JSON object." }) },
);
export type TUpdateGroupV1 = z.output<typeof ZUpdateGroupV1>;
