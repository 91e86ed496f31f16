import { z } from "zod";
import { ZIsoDateTime } from "../common/iso-date-time.schema.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";

const TEXT_MAX = 200;
const optionalText = (field: string) =>
  z
    .string({ error: `${field} must be text.` })
    .trim()
    .max(TEXT_MAX, { error: `${field} must be at most ${TEXT_MAX} characters.` })
    .nullish()
    .transform((value) => (value ? value : null));

const personFields = {
  user_name: z
    .string({ error: "Enter a user name." })
    .trim()
    .min(1, { error: "Enter a user name." })
    .max(TEXT_MAX, { error: `User name must be at most ${TEXT_MAX} characters.` }),
  email: z
    .email({ error: "Enter a valid email address." })
    .max(TEXT_MAX)
    .nullish()
    .transform((value) => (value ? value : null)),
  display_name: optionalText("Display name"),
  given_name: optionalText("Given name"),
  family_name: optionalText("Family name"),
  title: optionalText("Title"),
  active: z.boolean({ error: "active must be true or false." }).optional(),
  department: optionalText("Department"),
  manager_id: optionalText("Manager"),
  employee_number: optionalText("Employee number"),
  cost_center: optionalText("Cost center"),
  organization: optionalText("Organization"),
};

const strictError = (where: string) =>
  unknownKeysError({ where, notAnObject: "Send the person as a JSON object." });

/** A person added to a built-in source. */
export const ZCreateIdentityPerson = z.strictObject(personFields, { error: strictError("a person") });
/** A change to a person of a built-in source: only the fields sent change. */
export const ZUpdateIdentityPerson = z.strictObject(
  Object.fromEntries(Object.entries(personFields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof typeof personFields]: z.ZodOptional<(typeof personFields)[K]>;
  },
  { error: strictError("a person update") },
);

export const ZIdentityPerson = z.object({
  id: z.string(),
  source_id: z.string(),
  user_name: z.string(),
  email: z.string().nullable(),
  display_name: z.string().nullable(),
  given_name: z.string().nullable(),
  family_name: z.string().nullable(),
  title: z.string().nullable(),
  active: z.boolean(),
  external_id: z.string().nullable(),
  department: z.string().nullable(),
  manager_id: z.string().nullable(),
  employee_number: z.string().nullable(),
  cost_center: z.string().nullable(),
  organization: z.string().nullable(),
  groups: z.array(z.object({ id: z.string(), display_name: z.string() })),
  created_at: ZIsoDateTime,
  updated_at: ZIsoDateTime,
});

const groupFields = {
  display_name: z
    .string({ error: "Enter a group name." })
    .trim()
    .min(1, { error: "Enter a group name." })
    .max(TEXT_MAX, { error: `Group name must be at most ${TEXT_MAX} characters.` }),
  member_ids: z
    .array(z.string().max(100), { error: "member_ids must be a list of person ids." })
    .max(10_000)
    .optional(),
};

export const ZCreateIdentityGroup = z.strictObject(groupFields, {
  error: unknownKeysError({ where: "a group", notAnObject: "Send the group as a JSON object." }),
});
export const ZUpdateIdentityGroup = z.strictObject(
  { display_name: groupFields.display_name.optional(), member_ids: groupFields.member_ids },
  { error: unknownKeysError({ where: "a group update", notAnObject: "Send the change as a JSON object." }) },
);

export const ZIdentityGroup = z.object({
  id: z.string(),
  source_id: z.string(),
  display_name: z.string(),
  external_id: z.string().nullable(),
  members: z.array(z.object({ id: z.string(), user_name: z.string(), display_name: z.string().nullable() })),
  created_at: ZIsoDateTime,
  updated_at: ZIsoDateTime,
});

export type TCreateIdentityPerson = z.output<typeof ZCreateIdentityPerson>;
export type TUpdateIdentityPerson = z.output<typeof ZUpdateIdentityPerson>;
export type TIdentityPerson = z.output<typeof ZIdentityPerson>;
export type TCreateIdentityGroup = z.output<typeof ZCreateIdentityGroup>;
export type TUpdateIdentityGroup = z.output<typeof ZUpdateIdentityGroup>;
export type TIdentityGroup = z.output<typeof ZIdentityGroup>;
