import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { stubApi } from "../../../test/fake-api.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { ResourcesTable } from "./resources-table.tsx";

const ID = "7c1d6a5e-0000-4000-8000-000000000001";

function resource(name: string, portcullis: Record<string, unknown>) {
  return {
    id: `${name}-id`,
    name,
    type: "aws-account-s3-bucket",
    status: { status: "Active", message: null },
    portcullis: {
      external_id: `arn:aws:s3:::${name}`,
      account_id: "111122223333",
      region: "us-east-1",
      tags: { team: "risk" },
      first_seen: "2026-12-01T00:00:00.000Z",
      last_seen: "2026-12-01T00:00:00.000Z",
      ...portcullis,
    },
  };
}

describe("ResourcesTable", () => {
  it("says which source and attribute resolved each owner", async () => {
    stubApi({
      [`GET /api/v3/integrations/${ID}/resources`]: () => ({
        data: [
          resource("by-department", {
            owners: ["eve@corp.test", "fay@corp.test"],
            owner_source: "tag",
            owner_details: [
              {
                owner: "eve@corp.test",
                display_name: "Eve",
                sources: [
                  { id: "s1", name: "Okta" },
                  { id: "s2", name: "Entra ID" },
                ],
                attribute: "department",
                value: "risk",
              },
              {
                owner: "fay@corp.test",
                display_name: "Fay",
                sources: [{ id: "s1", name: "Okta" }],
                attribute: "department",
                value: "risk",
              },
            ],
          }),
          resource("unowned", { owners: [], owner_source: "none", owner_details: [] }),
        ],
        pagination: { total: 2, limit: 25, offset: 0, next_page_token: null },
      }),
    });
    renderWithApp(
      <ResourcesTable integrationId={ID} resourceTypes={["aws-account-s3-bucket"]} live={false} />,
    );
    const rows = await screen.findAllByTestId("resource-row");
    expect(rows[0]).toHaveTextContent("eve@corp.test, fay@corp.test");
    expect(
      within(rows[0]!)
        .getAllByTestId("owner-resolved-by")
        .map((line) => line.textContent),
    ).toEqual(["Okta, Entra ID · department = risk", "Okta · department = risk"]);
    expect(within(rows[1]!).queryByTestId("owner-resolved-by")).toBeNull();
    expect(rows[1]).toHaveTextContent("no owner");
  });
});
