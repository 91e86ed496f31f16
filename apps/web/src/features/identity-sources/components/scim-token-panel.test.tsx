import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { stubApi } from "../../../test/fake-api.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { IdentitySourcesPage } from "../routes/identity-sources-page.tsx";
import { ScimTokenPanel } from "./scim-token-panel.tsx";

const TOKEN = "pcs_0123456789abcdefghijklmnopqrstuvwxyzABCD";
const BASE_URL = "http://portcullis.test/scim/v2";
const NOW = "2026-12-02T07:00:00.000Z";

function source(overrides: Record<string, unknown> = {}) {
  return {
    id: "0b6c6f1e-7a53-4b8e-9d0b-2f1f7c1f0a01",
    name: "Okta (production)",
    type: "scim",
    status: "pending",
    scim_base_url: BASE_URL,
    token_prefix: "pcs_0123",
    people_count: 0,
    group_count: 0,
    created_at: NOW,
    updated_at: NOW,
    ...overrides,
  };
}

describe("SCIM token panel", () => {
  it("shows the base URL and the token with copy buttons and says it is not shown again", async () => {
    const { user } = renderWithApp(
      <ScimTokenPanel sourceName="Okta" baseUrl={BASE_URL} token={TOKEN} onDone={() => {}} />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("it is not shown again");
    expect(screen.getByLabelText("SCIM base URL", { selector: "pre,code" })).toHaveTextContent(BASE_URL);
    expect(screen.getByLabelText("SCIM token", { selector: "pre,code" })).toHaveTextContent(TOKEN);

    await user.click(screen.getByRole("button", { name: "Copy SCIM token" }));
    expect(await navigator.clipboard.readText()).toBe(TOKEN);
    expect(await screen.findByRole("button", { name: "SCIM token copied" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Copy SCIM base URL" }));
    expect(await navigator.clipboard.readText()).toBe(BASE_URL);

    // Where each value goes in Okta and in Entra.
    expect(screen.getByText(/SCIM connector base URL/)).toBeInTheDocument();
    await user.click(screen.getByRole("tab", { name: "Microsoft Entra ID" }));
    expect(screen.getByText(/Tenant URL/)).toBeVisible();
    expect(screen.getByText(/Secret Token/)).toBeVisible();
  });

  it("says the old token stopped working after a rotation", () => {
    renderWithApp(
      <ScimTokenPanel sourceName="Okta" baseUrl={BASE_URL} token={TOKEN} rotated onDone={() => {}} />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("The previous token has stopped working");
  });

  it("is shown once: after creating a SCIM source, and never again once closed", async () => {
    let sources: ReturnType<typeof source>[] = [];
    const api = stubApi({
      "GET /api/admin/v1/identity-sources": () => ({ items: sources }),
      "POST /api/admin/v1/identity-sources": (_url, init) => {
        const body = JSON.parse(String(init?.body));
        const created = source({ name: body.name });
        sources = [created];
        return { ...created, token: TOKEN };
      },
      [`GET /api/admin/v1/identity-sources/${source().id}`]: () => sources[0],
    });
    const { user } = renderWithApp(<IdentitySourcesPage />);
    await user.click(await screen.findByRole("button", { name: "Add source" }));
    const drawer = await screen.findByRole("dialog", { name: "Add identity source" });
    await user.type(within(drawer).getByRole("textbox", { name: /Source name/ }), "  Okta (production) ");
    await user.click(within(drawer).getByRole("button", { name: "Add source" }));

    const panel = await screen.findByTestId("scim-token-panel");
    expect(within(panel).getByLabelText("SCIM token", { selector: "pre,code" })).toHaveTextContent(TOKEN);
    const posted = api.requests.filter((url) => url.pathname === "/api/admin/v1/identity-sources");
    expect(posted.length).toBeGreaterThan(0);

    await user.click(within(panel).getByRole("button", { name: "I have stored the token" }));
    await waitFor(() => expect(screen.queryByTestId("scim-token-panel")).not.toBeInTheDocument());
    expect(document.body).not.toHaveTextContent(TOKEN);

    // Opening "Add source" again shows the form, not the token of the last one.
    await user.click(screen.getAllByRole("button", { name: "Add source" })[0]!);
    expect(await screen.findByRole("dialog", { name: "Add identity source" })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(TOKEN);
  });
});
