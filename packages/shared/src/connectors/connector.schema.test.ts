import { describe, expect, it } from "vitest";
import { type TConnectorV3, ZConnectorListV3, ZConnectorV3 } from "./connector.schema.ts";

const connector: TConnectorV3 = {
  id: "aws-connector-prod-us-east",
  name: "Prod US East",
  status: "CONNECTED",
  version: "1.0.0",
  last_connected: "2026-11-27T10:00:00.000Z",
  is_latest_version: true,
  cloud_provider_type: "AWS",
  sessions: [
    {
      id: "s-1",
      metadata: {
        cloud_provider_metadata: { aws_account_id: "123456789012", region: "us-east-1" },
        connector_version: "1.0.0",
      },
      last_connected_time: "2026-11-27T10:00:00.000Z",
    },
  ],
  role_arn: null,
  external_id: "pc-4f1c",
  region: "us-east-1",
  aws_account_id: "123456789012",
  last_check: {
    ok: true,
    checked_at: "2026-11-27T10:00:00.000Z",
    message: "Connected as arn:aws:sts::123456789012:assumed-role/x/y.",
    error_code: null,
    warnings: [],
  },
  credentials: "server",
  pending_reason: null,
  used_by_integrations: 2,
};

describe("ZConnectorV3", () => {
  it("accepts a connector and strips unlisted fields", () => {
    const parsed = ZConnectorV3.parse({ ...connector, caller_arn: "secret", is_sandbox: true });
    expect(parsed).toEqual(connector);
    expect(parsed).not.toHaveProperty("caller_arn");
  });
  it("encodes for the response (as the API serialiser does) with the same allow-list", () => {
    expect(ZConnectorV3.encode({ ...connector, created_at: "x" } as TConnectorV3)).toEqual(connector);
  });
  it("accepts a disconnected connector without sessions or check", () => {
    expect(
      ZConnectorV3.safeParse({
        ...connector,
        status: "DISCONNECTED",
        last_connected: null,
        sessions: [],
        last_check: null,
      }).success,
    ).toBe(true);
  });
  it("rejects unknown statuses, non-ISO dates and other clouds", () => {
    expect(ZConnectorV3.safeParse({ ...connector, status: "UP" }).success).toBe(false);
    expect(ZConnectorV3.safeParse({ ...connector, last_connected: "yesterday" }).success).toBe(false);
    expect(ZConnectorV3.safeParse({ ...connector, cloud_provider_type: "GCP" }).success).toBe(false);
  });
  it("lists connectors with a cursor", () => {
    expect(
      ZConnectorListV3.parse({ items: [connector], pagination: { next_page_token: null } }).items,
    ).toHaveLength(1);
  });
});
