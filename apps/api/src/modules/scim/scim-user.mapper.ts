import { z } from "zod";
import type { PersonFields, PersonWithGroups } from "../identity-sources/people.repository.ts";
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from "./scim-constants.ts";
import { ScimError } from "./scim-error.ts";
import { toBoolean } from "./scim-filter-sql.ts";

const TEXT_MAX = 1000;

/** SCIM booleans: true/false, or Entra's "True"/"False" strings. */
const ZScimBoolean = z.unknown().transform((value, ctx) => {
  const flag = toBoolean(value);
  if (flag === undefined) {
    ctx.addIssue({ code: "custom", message: "must be true or false" });
    return z.NEVER;
  }
  return flag;
});

const ZText = z.string().max(TEXT_MAX);
const ZOptionalText = ZText.nullish().transform((value) =>
  value === undefined || value === "" ? null : value,
);

const ZEnterprise = z
  .object({
    department: ZOptionalText,
    employeeNumber: ZOptionalText,
    costCenter: ZOptionalText,
    organization: ZOptionalText,
    division: ZOptionalText,
    manager: z
      .union([ZText, z.looseObject({ value: ZText.nullish() })])
      .nullish()
      .transform((manager) => (typeof manager === "string" ? manager : (manager?.value ?? null)) || null),
  })
  .partial();

/** A User as POSTed, PUT or produced by a PATCH; other attributes (password, phoneNumbers, …) are ignored. */
const ZScimUserInput = z.looseObject({
  userName: z
    .string({ error: "userName is required" })
    .trim()
    .min(1, { error: "userName is required" })
    .max(TEXT_MAX),
  externalId: ZOptionalText,
  displayName: ZOptionalText,
  title: ZOptionalText,
  name: z.looseObject({ givenName: ZOptionalText, familyName: ZOptionalText }).nullish(),
  active: ZScimBoolean.optional(),
  emails: z
    .array(
      z.looseObject({
        value: z.string().trim().min(1).max(TEXT_MAX),
        type: ZText.nullish(),
        primary: ZScimBoolean.optional(),
        display: ZText.nullish(),
      }),
    )
    .max(50)
    .nullish(),
  [ENTERPRISE_SCHEMA]: ZEnterprise.nullish(),
});

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".") || "(body)";
}

/** The person a SCIM User body describes; anything malformed is a 400 invalidValue naming the attribute. */
export function toPersonFields(body: unknown): PersonFields {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw ScimError.badRequest("invalidSyntax", "The request body must be a JSON object (a SCIM User).");
  }
  const parsed = ZScimUserInput.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw ScimError.badRequest("invalidValue", `${issuePath(issue)}: ${issue.message}`);
  }
  const user = parsed.data;
  const extension = user[ENTERPRISE_SCHEMA] ?? {};
  const emails = (user.emails ?? []).map((email) => ({
    value: email.value,
    ...(email.type ? { type: email.type } : {}),
    ...(email.primary !== undefined ? { primary: email.primary } : {}),
    ...(email.display ? { display: email.display } : {}),
  }));
  const primary = emails.find((email) => email.primary) ?? emails[0];
  return {
    userName: user.userName,
    externalId: user.externalId,
    email: primary ? primary.value.toLowerCase() : null,
    emails,
    displayName: user.displayName,
    givenName: user.name?.givenName ?? null,
    familyName: user.name?.familyName ?? null,
    title: user.title,
    active: user.active ?? true,
    department: extension.department ?? null,
    managerId: extension.manager ?? null,
    employeeNumber: extension.employeeNumber ?? null,
    costCenter: extension.costCenter ?? null,
    organization: extension.organization ?? null,
    division: extension.division ?? null,
  };
}

function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;
}

/** A person as a SCIM User (with the enterprise extension when it has any of its fields). */
export function toScimUser(person: PersonWithGroups, baseUrl: string): Record<string, unknown> {
  const enterprise = compact({
    department: person.department,
    employeeNumber: person.employeeNumber,
    costCenter: person.costCenter,
    organization: person.organization,
    division: person.division,
    manager: person.managerId
      ? { value: person.managerId, $ref: `${baseUrl}/Users/${person.managerId}` }
      : null,
  });
  const hasEnterprise = Object.keys(enterprise).length > 0;
  const name = compact({
    givenName: person.givenName,
    familyName: person.familyName,
    formatted: [person.givenName, person.familyName].filter(Boolean).join(" ") || null,
  });
  return {
    schemas: hasEnterprise ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: person.id,
    ...compact({ externalId: person.externalId }),
    userName: person.userName,
    ...(Object.keys(name).length > 0 ? { name } : {}),
    ...compact({ displayName: person.displayName, title: person.title }),
    active: person.active,
    emails: person.emails,
    groups: person.memberships.map(({ group }) => ({
      value: group.id,
      display: group.displayName,
      $ref: `${baseUrl}/Groups/${group.id}`,
    })),
    ...(hasEnterprise ? { [ENTERPRISE_SCHEMA]: enterprise } : {}),
    meta: {
      resourceType: "User",
      created: person.createdAt.toISOString(),
      lastModified: person.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${person.id}`,
      version: `W/"${person.version}"`,
    },
  };
}
