import { z } from "zod";
import { ZName } from "../common/name.schema.ts";
import { ZAwsAccountConfig } from "./aws-account-config.schema.ts";
import { ZAwsOrganizationConfig } from "./aws-organization-config.schema.ts";
import { makeConnectedResourceTypesSchema } from "./connected-resource-types.schema.ts";
import { ZCustomAccessDetails } from "./custom-access-details.schema.ts";
import { ZOwner, ZOwnersMapping } from "./owner.schema.ts";

// Fields shared by the create and update bodies (CreateIntegrationV4 / UpdateIntegrationV4).

export const SELECT_CONNECTOR_MESSAGE = "Select a connector.";
export const CONNECTOR_ID_MAX = 128;

/** AWS integrations always run through a connector, although the published API allows null. */
export const ZConnectorReference = z
  .string({ error: SELECT_CONNECTOR_MESSAGE })
  .trim()
  .min(1, { error: SELECT_CONNECTOR_MESSAGE })
  .max(CONNECTOR_ID_MAX, { error: `Connector ID must be at most ${CONNECTOR_ID_MAX} characters.` });

export const SECRET_STORE_NOT_SUPPORTED =
  "Remove secret_store_config: AWS integrations read credentials through their connector, so an external secret store is not supported.";

/**
 * `secret_store_config` exists in the published API. `null` (what generated clients send
 * for "unset") is accepted; any value is rejected with an explanation.
 */
export const ZNoSecretStoreConfig = z.null({ error: SECRET_STORE_NOT_SUPPORTED }).optional();

/** Hints for fields commonly sent by mistake in a body. */
export const INTEGRATION_BODY_HINTS = {
  type: 'Remove "type": the type of an integration cannot be changed after it is created.',
  id: 'Remove "id": it is assigned by the server.',
  status: 'Remove "status": it is set by the server.',
} as const;

const commonShape = {
  name: ZName,
  connector_id: ZConnectorReference,
  custom_access_details: ZCustomAccessDetails,
  owner: ZOwner.nullish(),
  owners_mapping: ZOwnersMapping.nullish(),
  secret_store_config: ZNoSecretStoreConfig,
};

export const AWS_ACCOUNT_BODY_SHAPE = {
  ...commonShape,
  integration_config: ZAwsAccountConfig,
  connected_resource_types: makeConnectedResourceTypesSchema("aws-account"),
};

export const AWS_ORGANIZATION_BODY_SHAPE = {
  ...commonShape,
  integration_config: ZAwsOrganizationConfig,
  connected_resource_types: makeConnectedResourceTypesSchema("aws-organization"),
};
