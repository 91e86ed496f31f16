import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { stubApi } from "../../../test/fake-api.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { ManagedCredentials } from "./managed-credentials.tsx";

const ID = "7c1d6a5e-0000-4000-8000-000000000002";

const item = (overrides: Record<string, unknown>) => ({
  id: "m1",
  account_id: "111122223333",
  user_name: "portcullis-dana-1a2b3c4d",
  person_id: "p1",
  access_key_id: "AKIAEXAMPLE1",
  key_created_at: "2026-10-01T00:00:00.000Z",
  key_age_in_days: 62,
  credentials_status: "VIEWED",
  last_rotated_at: null,
  next_rotation_at: "2026-10-31T00:00:00.000Z",
  rotation_deferred: true,
  live_grants: 1,
  last_failure: null,
  last_failure_fix: null,
  ...overrides,
});

describe("ManagedCredentials", () => {
  it("shows each key's age, last and next rotation, and a rotation waiting for access in use", async () => {
    stubApi({
      [`GET /api/v3/integrations/${ID}/credentials`]: () => ({
        rotation_period_in_days: 30,
        cleanup_period_in_days: 90,
        items: [
          item({}),
          item({
            id: "m2",
            user_name: "portcullis-eli-5e6f7a8b",
            access_key_id: "AKIAEXAMPLE2",
            key_age_in_days: 3,
            last_rotated_at: "2026-11-29T00:00:00.000Z",
            rotation_deferred: false,
            last_failure: "Retiring the old access key failed: denied (AccessDenied)",
            last_failure_fix: "Allow iam:DeleteAccessKey.",
          }),
        ],
      }),
    });
    renderWithApp(<ManagedCredentials integrationId={ID} />);
    const table = await screen.findByRole("table", { name: "Managed credentials" });
    expect(screen.getByText(/rotated every 30 days/)).toBeInTheDocument();
    expect(screen.getByText(/no grant for 90 days/)).toBeInTheDocument();
    const rows = within(table).getAllByTestId("managed-credential-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("62 days")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("Never")).toBeInTheDocument();
    expect(within(rows[0]!).getByText(/waits until the access in use ends/)).toBeInTheDocument();
    expect(within(rows[1]!).queryByText(/waits until/)).toBeNull();
    expect(within(rows[1]!).getByText(/AccessDenied/)).toBeInTheDocument();
  });

  it("says when rotation is not set and nobody has a key yet", async () => {
    stubApi({
      [`GET /api/v3/integrations/${ID}/credentials`]: () => ({
        rotation_period_in_days: null,
        cleanup_period_in_days: 90,
        items: [],
      }),
    });
    renderWithApp(<ManagedCredentials integrationId={ID} />);
    expect(await screen.findByText(/Credential Rotation is not set/)).toBeInTheDocument();
    expect(screen.getByText(/No IAM users yet/)).toBeInTheDocument();
  });

  it("says an organization has no Credential Rotation setting (only account integrations do)", async () => {
    stubApi({
      [`GET /api/v3/integrations/${ID}/credentials`]: () => ({
        rotation_period_in_days: null,
        cleanup_period_in_days: 90,
        items: [item({ next_rotation_at: null, rotation_deferred: false })],
      }),
    });
    renderWithApp(<ManagedCredentials integrationId={ID} integrationType="aws-organization" />);
    expect(
      await screen.findByText(/Credential Rotation is only available for Amazon Account integrations/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/is not set/)).toBeNull();
    expect(screen.getByText("Not scheduled")).toBeInTheDocument();
  });
});
