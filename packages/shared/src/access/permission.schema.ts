import { z } from "zod";
import { ZOffsetPagination } from "../api/pagination.schema.ts";

// What can be requested: permissions per resource type (PermissionV3), and the selectable
// integrations, resource types, resources and permissions a signed-in user's flows allow.

/**
 * The fixed permissions of each requestable resource type. An organization's accounts take the
 * Identity Center permission sets its first fetch found (their names are the permission ids).
 */
export const FIXED_PERMISSIONS = {
  "aws-organization-group": ["member"],
  "aws-organization-iam-role": ["assume"],
  "aws-organization-s3-bucket": ["read-only", "read-write"],
  "aws-account-iam-role": ["assume"],
  "aws-account-iam-group": ["member"],
  "aws-account-s3-bucket": ["read-only", "read-write"],
  "aws-account-ec2-instance": ["ssm-session"],
  "aws-account-rds-instance": ["connect"],
} as const satisfies Record<string, readonly string[]>;

/** Accounts of an organization: each permission set is a permission. */
export const PERMISSION_SET_RESOURCE_TYPE = "aws-organization-account";

export const REQUESTABLE_RESOURCE_TYPES = [PERMISSION_SET_RESOURCE_TYPE, ...Object.keys(FIXED_PERMISSIONS)];

export function isRequestableResourceType(type: string): boolean {
  return REQUESTABLE_RESOURCE_TYPES.includes(type);
}

export const ZPermissionV3 = z.object({ id: z.string(), name: z.string(), resource_type: z.string() });

export const ZPermissionListV3 = z.object({ data: z.array(ZPermissionV3), pagination: ZOffsetPagination });

export const ZSelectableIntegration = z.object({
  id: z.string(),
  /** Portcullis additions: the integration's name and type, so pickers need no second call. */
  name: z.string(),
  type: z.string(),
});
export const ZSelectableIntegrationList = z.object({
  data: z.array(ZSelectableIntegration),
  pagination: ZOffsetPagination,
});

export const ZSelectableResourceType = z.object({ id: z.string(), name: z.string() });
export const ZSelectableResourceTypeList = z.object({
  data: z.array(ZSelectableResourceType),
  pagination: ZOffsetPagination,
});

export const ZSelectableResource = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  /** Portcullis additions: where the resource is. */
  account_id: z.string().nullable(),
  region: z.string().nullable(),
  source_id: z.string(),
});
export const ZSelectableResourceList = z.object({
  data: z.array(ZSelectableResource),
  pagination: ZOffsetPagination,
});

/** SelectablePermissionsResponse: permission ids (which are also their names). */
export const ZSelectablePermissions = z.object({
  data: z.array(z.string()),
  pagination: ZOffsetPagination,
  allow_multiple: z.boolean(),
});

/** `?search=` (name contains, any case), `limit`, `offset` of the selectable resources. */
export const ZSelectableResourcesQuery = z.object({
  search: z.string().trim().max(200, { error: "search must be at most 200 characters." }).optional(),
  limit: z.coerce
    .number({ error: "limit must be a whole number from 1 to 500." })
    .int({ error: "limit must be a whole number from 1 to 500." })
    .min(1, { error: "limit must be a whole number from 1 to 500." })
    .max(500, { error: "limit must be a whole number from 1 to 500." })
    .default(100),
  offset: z.coerce
    .number({ error: "offset must be a whole number of at least 0." })
    .int({ error: "offset must be a whole number of at least 0." })
    .min(0, { error: "offset must be a whole number of at least 0." })
    .default(0),
});

export type TPermissionV3 = z.output<typeof ZPermissionV3>;
export type TPermissionListV3 = z.output<typeof ZPermissionListV3>;
export type TSelectableIntegration = z.output<typeof ZSelectableIntegration>;
export type TSelectableResourceType = z.output<typeof ZSelectableResourceType>;
export type TSelectableResource = z.output<typeof ZSelectableResource>;
export type TSelectablePermissions = z.output<typeof ZSelectablePermissions>;
export type TSelectableResourcesQuery = z.output<typeof ZSelectableResourcesQuery>;
