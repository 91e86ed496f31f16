import { INTEGRATION_CATALOG } from "../catalog/integration-catalog.ts";
import { INTEGRATION_TYPES } from "../catalog/integration-types.ts";
import { CUSTOM_ACCESS_DETAILS_MAX } from "./custom-access-details.schema.ts";

/** Label and help text of a wizard field, keyed by its react-hook-form path. */
export type TFieldHelp = {
  label: string;
  help: string;
  optional: boolean;
  placeholder?: string;
};

// Texts of the product documentation, with "Apono" reading "Portcullis".
const GENERAL_FIELD_HELP: Readonly<Record<string, TFieldHelp>> = {
  connected_resource_types: {
    label: "Resource types",
    help: "Click one or more resource types to sync with Portcullis. Portcullis automatically discovers and syncs all the instances in the environment. After syncing, you can manage Access Flows to these resources.",
    optional: false,
  },
  connector_id: {
    label: "Connector",
    help: "Choosing a connector links Portcullis to all the services available on the account where the connector is located. If the desired connector is not listed, click + Add new connector and follow the instructions for creating a connector.",
    optional: false,
  },
  name: {
    label: "Integration Name",
    help: "Unique, alphanumeric, user-friendly name used to identify this integration when constructing an access flow",
    optional: false,
  },
  custom_access_details: {
    label: "Custom Access Details",
    help: `Instructions explaining how to access this integration's resources. Upon accessing an integration, a message with these instructions will be displayed to end users in the User Portal. The message may include up to ${CUSTOM_ACCESS_DETAILS_MAX} characters.`,
    optional: true,
  },
  owner: {
    label: "Integration Owner",
    help: "Fallback approver if no resource owner is found. When Resource Owner is defined, an Integration Owner must be defined.",
    optional: true,
  },
  "owner.attribute_type": {
    label: "Attribute",
    help: "Select User or Group under the relevant identity provider (IdP) platform.",
    optional: false,
  },
  "owner.attribute_value": {
    label: "Value",
    help: "Select one or multiple users or groups.",
    optional: false,
  },
  "owner.source_integration_reference": {
    label: "Identity provider",
    help: "Identity platform integration providing the users and groups.",
    optional: true,
  },
  owners_mapping: {
    label: "Resource Owner",
    help: "Group or role responsible for managing access approvals or rejections for the resource. When this setting is defined, an Integration Owner must also be defined.",
    optional: true,
  },
  "owners_mapping.key_name": {
    label: "Key name",
    help: "This value is the name of the tag created in your cloud environment. Portcullis will use the value associated with the key (tag) to identify the resource owner. When you update the membership of the group or role in your IdP platform, this change is also reflected in Portcullis.",
    optional: false,
    placeholder: "owner",
  },
  "owners_mapping.attribute_type": {
    label: "Attribute",
    help: "Select an attribute under the IdP platform to which the key name is associated.",
    optional: false,
  },
  "owners_mapping.source_integration_reference": {
    label: "Identity provider",
    help: "Identity platform integration providing the users and groups.",
    optional: true,
  },
};

function configFieldHelp(): Record<string, TFieldHelp> {
  const help: Record<string, TFieldHelp> = {};
  // A key shared by both types (region, enable_audit) has the same texts in both.
  for (const type of INTEGRATION_TYPES) {
    for (const param of INTEGRATION_CATALOG[type].params) {
      help[`integration_config.${param.id}`] = {
        label: param.label,
        help: param.help,
        optional: param.optional,
        ...(param.placeholder === undefined ? {} : { placeholder: param.placeholder }),
      };
    }
  }
  return help;
}

/** Label and help of every wizard field of every type, by react-hook-form path. */
export const FIELD_HELP: Readonly<Record<string, TFieldHelp>> = {
  ...GENERAL_FIELD_HELP,
  ...configFieldHelp(),
};
