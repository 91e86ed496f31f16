import { z } from "zod";
import type { TIntegrationType } from "../catalog/integration-types.ts";
import { ZName } from "../common/name.schema.ts";
import { unknownKeysError } from "../common/unknown-keys.ts";
import { SELECT_RESOURCE_TYPE_MESSAGE } from "./connected-resource-types.schema.ts";
import { ZCustomAccessDetails } from "./custom-access-details.schema.ts";
import {
  AWS_ACCOUNT_BODY_SHAPE,
  AWS_ORGANIZATION_BODY_SHAPE,
  INTEGRATION_BODY_HINTS,
  ZConnectorReference,
  ZNoSecretStoreConfig,
} from "./integration-body.schema.ts";
import { ZIntegrationConfigMap } from "./integration-config.schema.ts";
import {
  checkOwnerRequiredForMapping,
  RUN_EVEN_WITH_FIELD_ERRORS,
  ZOwner,
  ZOwnersMapping,
} from "./owner.schema.ts";

const bodyError = unknownKeysError({
  where: "an integration update",
  notAnObject: "Send the integration as a JSON object.",
  hints: INTEGRATION_BODY_HINTS,
});

// PUT replaces the integration (UpdateIntegrationV4), so the same fields are required as
// on create, minus `type`, which cannot change.

export const ZUpdateAwsAccountIntegration = z
  .strictObject(AWS_ACCOUNT_BODY_SHAPE, { error: bodyError })
  .superRefine(checkOwnerRequiredForMapping, RUN_EVEN_WITH_FIELD_ERRORS);

export const ZUpdateAwsOrganizationIntegration = z
  .strictObject(AWS_ORGANIZATION_BODY_SHAPE, { error: bodyError })
  .superRefine(checkOwnerRequiredForMapping, RUN_EVEN_WITH_FIELD_ERRORS);

/** The full update body schema of each type (config and resource types depend on it). */
export const ZUpdateIntegrationFor = {
  "aws-account": ZUpdateAwsAccountIntegration,
  "aws-organization": ZUpdateAwsOrganizationIntegration,
} as const satisfies Record<TIntegrationType, z.ZodType>;

export function makeUpdateIntegrationSchema<T extends TIntegrationType>(
  type: T,
): (typeof ZUpdateIntegrationFor)[T] {
  return ZUpdateIntegrationFor[type];
}

/**
 * PUT /api/admin/v4/integrations/{id} body before the integration's type is known: the
 * published shape, with `integration_config` as a map of strings. Use it as the route's
 * body schema (typing, OpenAPI), then validate again with
 * `ZUpdateIntegrationFor[existing.type]` and answer 400 with its issues.
 */
export const ZUpdateIntegration = z
  .strictObject(
    {
      name: ZName,
      connector_id: ZConnectorReference,
      integration_config: ZIntegrationConfigMap,
      connected_resource_types: z
        .array(
          z
            .string({ error: "Send each resource type as a string." })
            .max(200, { error: "Resource types must be at most 200 characters." }),
          { error: SELECT_RESOURCE_TYPE_MESSAGE },
        )
        .min(1, { error: SELECT_RESOURCE_TYPE_MESSAGE })
        .max(50, { error: "Select at most 50 resource types." }),
      custom_access_details: ZCustomAccessDetails,
      owner: ZOwner.nullish(),
      owners_mapping: ZOwnersMapping.nullish(),
      secret_store_config: ZNoSecretStoreConfig,
    },
    { error: bodyError },
  )
  .superRefine(checkOwnerRequiredForMapping, RUN_EVEN_WITH_FIELD_ERRORS);

export type TUpdateIntegration = z.output<typeof ZUpdateIntegration>;
export type TUpdateIntegrationInput = z.input<typeof ZUpdateIntegration>;
export type TUpdateAwsAccountIntegration = z.output<typeof ZUpdateAwsAccountIntegration>;
export type TUpdateAwsAccountIntegrationInput = z.input<typeof ZUpdateAwsAccountIntegration>;
export type TUpdateAwsOrganizationIntegration = z.output<typeof ZUpdateAwsOrganizationIntegration>;
export type TUpdateAwsOrganizationIntegrationInput = z.input<typeof ZUpdateAwsOrganizationIntegration>;
export type TUpdateIntegrationFor<T extends TIntegrationType> = z.output<(typeof ZUpdateIntegrationFor)[T]>;
