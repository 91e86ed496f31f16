import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { stubApi } from "../../../test/fake-api.ts";
import { savedAccountIntegration, WIZARD_ROUTES } from "../../../test/fixtures.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { IntegrationSummary } from "./integration-summary.tsx";

const row = (label: string) => screen.getByRole("row", { name: new RegExp(`^${label}`) });

describe("IntegrationSummary", () => {
  it("words each setting by its kind, as the wizard's Confirm step does", () => {
    stubApi(WIZARD_ROUTES);
    renderWithApp(
      <IntegrationSummary
        integration={savedAccountIntegration({
          integration_config: {
            region: "eu-west-1",
            enable_audit: "true",
            credentials_rotation_period_in_days: "1",
          },
        })}
      />,
    );
    expect(row("Region")).toHaveTextContent("eu-west-1 — Europe (Ireland)");
    expect(row("Enable Audit")).toHaveTextContent("On");
    expect(row("Credential Rotation")).toHaveTextContent("Every day");
    expect(row("AWS Profile Name")).toHaveTextContent("Not set");
  });
});
