import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { accessRequest } from "../../../test/access-fixtures.ts";
import { stubApi } from "../../../test/fake-api.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { REASON_REQUIRED_MESSAGE } from "../components/decision-modal.tsx";
import { ApprovalsPage } from "./approvals-page.tsx";

const APPROVALS = "GET /api/user/v4/approvals";

function stubDecisions(requireReason: boolean) {
  const request = accessRequest("PENDING", { can_decide: true, require_approver_reason: requireReason });
  const api = stubApi({
    [APPROVALS]: () => ({ items: [request], pagination: { next_page_token: null } }),
  });
  const reading = globalThis.fetch;
  const decisions: Array<{ path: string; body: unknown }> = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    if ((init?.method ?? "GET") === "GET") return reading(input, init);
    const url = new URL(input, "http://portcullis.test");
    decisions.push({ path: url.pathname, body: JSON.parse(String(init?.body ?? "null")) });
    return new Response(JSON.stringify(accessRequest("APPROVED")), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  });
  return { api, decisions };
}

describe("Approvals inbox", () => {
  it("lists what waits for the approver and approves with an optional reason", async () => {
    const { api, decisions } = stubDecisions(false);
    const { user } = renderWithApp(<ApprovalsPage />);
    const card = await screen.findByRole("listitem", { name: /Request #7 · Prod roles/ });
    expect(within(card).getByText(/ada@portcullis.dev/)).toBeInTheDocument();
    expect(within(card).getByText(/Incident 4711/)).toBeInTheDocument();
    expect(api.requests[0]?.searchParams.getAll("statuses")).toEqual(["PENDING"]);

    await user.click(within(card).getByRole("button", { name: "Approve request #7" }));
    const dialog = await screen.findByRole("dialog", { name: "Approve request #7?" });
    await user.click(within(dialog).getByRole("button", { name: "Approve" }));
    await waitFor(() =>
      expect(decisions).toEqual([
        { path: "/api/user/v4/access-requests/req-1/approve", body: { reason: null } },
      ]),
    );
  });

  it("asks for a reason when the flow requires one, before sending anything", async () => {
    const { decisions } = stubDecisions(true);
    const { user } = renderWithApp(<ApprovalsPage />);
    const card = await screen.findByRole("listitem", { name: /Request #7/ });
    await user.click(within(card).getByRole("button", { name: "Reject request #7" }));
    const dialog = await screen.findByRole("dialog", { name: "Reject request #7?" });
    const reason = within(dialog).getByRole("textbox", { name: /Reason/ });
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect(reason).toHaveAccessibleDescription(expect.stringContaining(REASON_REQUIRED_MESSAGE));
    expect(decisions).toEqual([]);

    await user.type(reason, "Not during the freeze");
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    await waitFor(() =>
      expect(decisions).toEqual([
        { path: "/api/user/v4/access-requests/req-1/reject", body: { reason: "Not during the freeze" } },
      ]),
    );
  });

  it("offers no decision on a request the approver may not decide", async () => {
    stubApi({
      [APPROVALS]: () => ({
        items: [accessRequest("PENDING", { can_decide: false })],
        pagination: { next_page_token: null },
      }),
    });
    renderWithApp(<ApprovalsPage />);
    const card = await screen.findByRole("listitem", { name: /Request #7/ });
    expect(within(card).queryByRole("button", { name: /Approve/ })).toBeNull();
  });
});
