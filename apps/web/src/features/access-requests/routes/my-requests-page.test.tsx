import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { accessRequest } from "../../../test/access-fixtures.ts";
import { stubApi } from "../../../test/fake-api.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { MyRequestsPage } from "./my-requests-page.tsx";

const ME = { id: "user-1", email: "ada@portcullis.dev", role: "user", csrf_token: "t" };
const LIST = "GET /api/user/v4/access-requests";

describe("My requests", () => {
  it("lists only the caller's requests and follows one in flight until it is granted", async () => {
    // Answers in order: pending, granting, then granted for good.
    const answers = ["PENDING", "GRANTING", "GRANTED"] as const;
    let reads = 0;
    const api = stubApi({
      "GET /api/auth/me": () => ME,
      [LIST]: () => {
        const status = answers[Math.min(reads, answers.length - 1)]!;
        reads += 1;
        return { items: [accessRequest(status)], pagination: { next_page_token: null } };
      },
    });
    renderWithApp(<MyRequestsPage />);
    const card = await screen.findByRole("listitem", { name: /Request #7 · Prod roles/ });
    expect(within(card).getByText("Pending approval")).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Cancel request #7" })).toBeInTheDocument();

    // No click: the page asks again while the request is on its way.
    await waitFor(() => expect(within(card).getByText("Granted")).toBeInTheDocument(), { timeout: 15_000 });
    expect(within(card).getByRole("button", { name: "Revoke request #7" })).toBeInTheDocument();
    const listed = api.requests.filter((url) => url.pathname === "/api/user/v4/access-requests");
    expect(listed.every((url) => url.searchParams.get("requestor") === ME.id)).toBe(true);
    expect(listed.length).toBeGreaterThanOrEqual(3);
  });

  it("asks again when a granted request's end time comes, so it reads Expired without a reload", async () => {
    let reads = 0;
    stubApi({
      "GET /api/auth/me": () => ME,
      [LIST]: () => {
        reads += 1;
        // Granted until a moment from now; the expiry job has ended it by the next read.
        const request =
          reads === 1
            ? accessRequest("GRANTED", { expires_at: new Date(Date.now() + 500).toISOString() })
            : accessRequest("EXPIRED");
        return { items: [request], pagination: { next_page_token: null } };
      },
    });
    renderWithApp(<MyRequestsPage />);
    const card = await screen.findByRole("listitem", { name: /Request #7 · Prod roles/ });
    expect(within(card).getByText("Granted")).toBeInTheDocument();
    await waitFor(() => expect(within(card).getByText("Expired")).toBeInTheDocument(), { timeout: 15_000 });
  });

  it("shows why a request failed and what to do, and offers to request it again", async () => {
    stubApi({
      "GET /api/auth/me": () => ME,
      [LIST]: () => ({
        items: [
          accessRequest("FAILED", {
            failure_reason: "No IAM Identity Center user has the user name ada.",
            failure_fix: "Ask your admin to provision you in IAM Identity Center, then request again.",
          }),
        ],
        pagination: { next_page_token: null },
      }),
    });
    renderWithApp(<MyRequestsPage />);
    const card = await screen.findByRole("listitem", { name: /Request #7/ });
    expect(within(card).getByText("No IAM Identity Center user has the user name ada.")).toBeInTheDocument();
    expect(within(card).getByText(/Ask your admin to provision you/)).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Request again" })).toBeInTheDocument();
  });
});
