import { describe, expect, it } from "vitest";
import { type TIntegrationV4, ZIntegrationListV4, ZIntegrationV4 } from "./integration.schema.ts";

const integration: TIntegrationV4 = {
  id: "0b9f3c9e-6c2f-4e53-9a43-6b0b7c1d2e3f",
  name: "Prod account",
  type: "aws-account",
  category: "Cloud",
  connector_id: "aws-connector-prod",
  status: "Active",
  last_sync_time: "2026-11-27T10:00:00.000Z",
  integration_config: { region: "us-east-1", profile: "apono" },
  connected_resource_types: ["aws-account-iam-role"],
  custom_access_details: null,
  owner: { attribute_type: "group", attribute_value: ["g-1"], source_integration_reference: null },
  owners_mapping: null,
  portcullis: {
    status_message: null,
    created_at: "2026-11-27T09:00:00.000Z",
    updated_at: "2026-11-27T10:00:00.000Z",
    sync: {
      run_id: "r-1",
      state: "succeeded",
      started_at: "2026-11-27T09:59:00.000Z",
      finished_at: "2026-11-27T10:00:00.000Z",
      scopes_total: 3,
      scopes_done: 3,
      scopes_failed: 0,
      resources_found: 42,
      accounts_found: 1,
    },
    errors: [],
  },
};

describe("ZIntegrationV4", () => {
  it("accepts an integration", () => {
    expect(ZIntegrationV4.parse(integration)).toEqual(integration);
  });
  it("is an allow-list: unlisted fields are dropped, also when encoding a response", () => {
    const withInternals = {
      ...integration,
      current_sync_run_id: "r-1",
      next_sync_at: "2026-11-27T11:00:00.000Z",
      portcullis: { ...integration.portcullis, deadline_at: "x" },
    };
    expect(ZIntegrationV4.parse(withInternals)).toEqual(integration);
    expect(ZIntegrationV4.encode(withInternals as TIntegrationV4)).toEqual(integration);
  });
  it("accepts the published source fields of owners", () => {
    const owner = {
      attribute_type: "user" as const,
      attribute_value: ["ana@example.com"],
      source_integration_reference: "Okta",
      source_integration_id: "okta",
      source_integration_name: "Okta",
    };
    expect(ZIntegrationV4.parse({ ...integration, owner }).owner).toEqual(owner);
  });
  it("accepts every status and sync errors", () => {
    for (const status of ["Initializing", "Refreshing", "Active", "Warning", "Error", "Disabled"] as const) {
      expect(ZIntegrationV4.safeParse({ ...integration, status }).success).toBe(true);
    }
    const errors = [
      {
        scope: "123456789012/eu-west-1",
        account_id: "123456789012",
        region: "eu-west-1",
        resource_type: "aws-account-ec2-instance",
        code: "AccessDenied",
        message: "The connector's role may not list EC2 instances in eu-west-1.",
        fix: "Allow ec2:DescribeInstances in the connector's IAM role.",
      },
    ];
    expect(
      ZIntegrationV4.parse({ ...integration, portcullis: { ...integration.portcullis, errors, sync: null } })
        .portcullis.errors,
    ).toEqual(errors);
  });
  it("rejects what a response must never contain", () => {
    expect(ZIntegrationV4.safeParse({ ...integration, status: "Ready" }).success).toBe(false);
    expect(ZIntegrationV4.safeParse({ ...integration, integration_config: { region: 1 } }).success).toBe(
      false,
    );
    expect(ZIntegrationV4.safeParse({ ...integration, last_sync_time: new Date() }).success).toBe(false);
  });
  it("lists integrations with a cursor", () => {
    const list = { items: [integration], pagination: { next_page_token: "abc" } };
    expect(ZIntegrationListV4.parse(list)).toEqual(list);
    expect(ZIntegrationListV4.safeParse({ items: [], pagination: { next_page_token: null } }).success).toBe(
      true,
    );
  });
});
