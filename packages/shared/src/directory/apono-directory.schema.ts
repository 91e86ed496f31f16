import { z } from "zod";
import { makeLimitParam } from "../api/query-params.schema.ts";

// Apono's directory API (apono-public-api.access.subset.openapi.json): users, groups, their
// members, identities and attributes, read from every identity source.

const ZOptionalText = z
  .string()
  .trim()
  .max(200, { error: "Filters must be at most 200 characters." })
  .optional();

/** PublicApiPaginationInfoModel. */
export const ZPublicApiPagination = z.object({ next_page_token: z.string().nullable() });

export const ZDirectoryPageQuery = z.object({
  limit: makeLimitParam(100, 100),
  page_token: z.string().max(1000).optional(),
});

/** GET /api/admin/v3/users: `first_name`/`last_name` take Apono's wildcards (`*`). */
export const ZListUsersV3Query = ZDirectoryPageQuery.extend({
  first_name: ZOptionalText,
  last_name: ZOptionalText,
  source_integration_id: ZOptionalText,
  source_integration_name: ZOptionalText,
  role: z.union([z.string(), z.array(z.string())]).optional(),
});
export type TListUsersV3Query = z.output<typeof ZListUsersV3Query>;

/** UserV3. `attributes` maps an attribute type (department, manager, …) to its values. */
export const ZUserV3 = z.object({
  id: z.string(),
  email: z.string(),
  email_aliases: z.array(z.string()),
  first_name: z.string(),
  last_name: z.string(),
  active: z.boolean(),
  roles: z.array(z.string()),
  source_integration_id: z.string().nullable(),
  source_integration_name: z.string().nullable(),
  attributes: z.record(z.string(), z.array(z.string())).nullable(),
});
export type TUserV3 = z.output<typeof ZUserV3>;
export const ZUserListV3 = z.object({ items: z.array(ZUserV3), pagination: ZPublicApiPagination });

/** GET /api/admin/v1/groups: `name` takes Apono's wildcards (`*`). */
export const ZListGroupsV1Query = ZDirectoryPageQuery.extend({ name: ZOptionalText });
export type TListGroupsV1Query = z.output<typeof ZListGroupsV1Query>;

/** GroupV1: `source_id` is the group's id in its source (the IdP's external id). */
export const ZGroupV1 = z.object({
  id: z.string(),
  name: z.string(),
  source_id: z.string().nullable(),
  source_integration_id: z.string().nullable(),
  source_integration_name: z.string().nullable(),
});
export type TGroupV1 = z.output<typeof ZGroupV1>;
export const ZGroupListV1 = z.object({ items: z.array(ZGroupV1), pagination: ZPublicApiPagination });

/** GroupMemberV1. */
export const ZGroupMemberV1 = z.object({ email: z.string() });
export const ZGroupMemberListV1 = z.object({
  items: z.array(ZGroupMemberV1),
  pagination: ZPublicApiPagination,
});

/** IdentityModel2 and PaginatedResponseIdentityModelV2 (`data` + total/limit/offset). */
export const ZIdentityV2 = z.object({ type: z.enum(["user", "group"]), name: z.string(), id: z.string() });
export const ZIdentitiesQueryV2 = z.object({
  limit: makeLimitParam(100, 100),
  offset: z.coerce
    .number({ error: "offset must be a whole number from 0." })
    .int({ error: "offset must be a whole number from 0." })
    .min(0, { error: "offset must be a whole number from 0." })
    .default(0),
});
export const ZIdentityListV2 = z.object({
  data: z.array(ZIdentityV2),
  pagination: z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int() }),
});

/** The attribute types people carry (and group names), as GET /api/admin/v1/attributes lists them. */
export const DIRECTORY_ATTRIBUTE_TYPES = [
  "department",
  "title",
  "manager",
  "employee_number",
  "cost_center",
  "organization",
  "division",
  "group",
] as const;

export const ZListAttributesV1Query = ZDirectoryPageQuery.extend({
  search: ZOptionalText,
  source_integration_reference: ZOptionalText,
  type: z
    .enum(DIRECTORY_ATTRIBUTE_TYPES, {
      error: `type must be one of: ${DIRECTORY_ATTRIBUTE_TYPES.join(", ")}.`,
    })
    .optional(),
});
export type TListAttributesV1Query = z.output<typeof ZListAttributesV1Query>;

/** AttributePublicV1. */
export const ZAttributeV1 = z.object({
  type: z.string(),
  value: z.string(),
  source_id: z.string().nullable(),
  source_integration_id: z.string().nullable(),
  source_integration_name: z.string().nullable(),
});
export const ZAttributeListV1 = z.object({ items: z.array(ZAttributeV1), pagination: ZPublicApiPagination });
