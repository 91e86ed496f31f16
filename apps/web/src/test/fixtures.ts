import type { TConnectorV3, TIdentityProvider, TIntegrationV4 } from "@portcullis/shared";

export const DIRECTORY: TIdentityProvider = {
  id: "portcullis-directory",
  name: "Portcullis Directory",
  type: "portcullis",
};

export const CONNECTOR: TConnectorV3 = {
  id: "aws-sandbox",
  name: "AWS sandbox",
  status: "CONNECTED",
  version: "1.0.0",
  last_connected: "2026-12-01T10:00:00.000Z",
  is_latest_version: true,
  cloud_provider_type: "AWS",
  sessions: [],
  role_arn: "arn:aws:iam::111111111111:role/PortcullisConnectorRole",
  external_id: "external-id",
  region: "us-east-1",
  aws_account_id: "111111111111",
  last_check: null,
  credentials: "role",
  pending_reason: null,
  used_by_integrations: 0,
};

/** A saved Amazon Account integration, as GET /api/admin/v4/integrations/{id} answers. */
export function savedAccountIntegration(overrides: Partial<TIntegrationV4> = {}): TIntegrationV4 {
  return {
    id: "int-1",
    name: "Prod account",
    type: "aws-account",
    category: "Cloud",
    connector_id: CONNECTOR.id,
    status: "Active",
    last_sync_time: null,
    integration_config: { region: "eu-west-1", profile: "apono", credentials_rotation_period_in_days: "30" },
    connected_resource_types: ["aws-account-iam-role"],
    custom_access_details: null,
    owner: null,
    owners_mapping: null,
    portcullis: {
      status_message: null,
      created_at: "2026-12-01T10:00:00.000Z",
      updated_at: "2026-12-01T10:00:00.000Z",
      sync: null,
      errors: [],
    },
    ...overrides,
  };
}

/** The API routes every wizard step reads. */
export const WIZARD_ROUTES = {
  "GET /api/admin/v3/connectors": () => ({ items: [CONNECTOR], pagination: { next_page_token: null } }),
  "GET /api/admin/identity-providers": () => ({ items: [DIRECTORY] }),
};
