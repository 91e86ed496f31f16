import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { accessSession } from "../../../test/access-fixtures.ts";
import { stubApi } from "../../../test/fake-api.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { MyAccessPage } from "./my-access-page.tsx";

const SESSIONS = "/api/user/v1/access-sessions";
const MESSAGE =
  'Use the break-glass runbook at https://wiki.example.com/runbook <img src=x onerror="alert(1)">';
const CLI = "[profile portcullis-prod]\naws_access_key_id = AKIAEXAMPLE\n";

describe("My access", () => {
  it("shows a session's access details: instructions, the admin's message as text, the sign-in link, the CLI and the key once", async () => {
    let detailReads = 0;
    const api = stubApi({
      [`GET ${SESSIONS}`]: () => ({
        items: [accessSession({ credentials_status: "AVAILABLE", can_reset_credentials: true })],
        pagination: { next_page_token: null },
      }),
      [`GET ${SESSIONS}/session-1/access-details`]: () => {
        detailReads += 1;
        return {
          instructions: "Assume the role DataEngineer with the profile below.",
          custom_admin_message: MESSAGE,
          parameters: { access_key_id: "AKIAEXAMPLE", secret_access_key: "wJalrXUtnFEMI/K7MDENG" },
          cli: CLI,
          link: {
            url: "https://d-1234.awsapps.com/start/#/console?account_id=111111111111&role_name=Admin",
            title: null,
          },
        };
      },
    });
    const { user } = renderWithApp(<MyAccessPage />);
    const card = await screen.findByRole("listitem", { name: "DataEngineer (assume)" });
    expect(within(card).getByText(/A new access key is ready for you/)).toBeInTheDocument();
    // The key is only read when the person asks for it.
    expect(api.requests.some((url) => url.pathname.endsWith("/access-details"))).toBe(false);
    await user.click(within(card).getByRole("button", { name: "Show access details" }));

    expect(await within(card).findByText(/Assume the role DataEngineer/)).toBeInTheDocument();
    const note = within(card).getByRole("note", { name: "Message from your admin" });
    expect(within(note).getByTestId("access-details-text")).toHaveTextContent(MESSAGE);
    expect(note.querySelector("img")).toBeNull();
    expect(within(note).getByRole("link", { name: "https://wiki.example.com/runbook" })).toHaveAttribute(
      "href",
      "https://wiki.example.com/runbook",
    );
    expect(within(card).getByRole("link", { name: "Sign in to the AWS console" })).toHaveAttribute(
      "href",
      "https://d-1234.awsapps.com/start/#/console?account_id=111111111111&role_name=Admin",
    );
    const key = within(card).getByTestId("one-time-key");
    expect(key).toHaveTextContent("Shown only this once");
    expect(key).toHaveTextContent("wJalrXUtnFEMI/K7MDENG");
    expect(within(key).getByRole("button", { name: "Copy Secret access key" })).toBeInTheDocument();
    expect(within(card).getByLabelText("AWS CLI profile")).toHaveTextContent(
      "aws_access_key_id = AKIAEXAMPLE",
    );
    expect(within(card).getByRole("button", { name: "Copy AWS CLI profile" })).toBeInTheDocument();
    expect(detailReads).toBe(1);
  });

  it("says an Identity Center session has no credentials of its own, and offers no reset", async () => {
    stubApi({
      [`GET ${SESSIONS}`]: () => ({
        items: [accessSession({ name: "Admin on prod", credentials_status: "NOT_APPLICABLE" })],
        pagination: { next_page_token: null },
      }),
    });
    renderWithApp(<MyAccessPage />);
    const card = await screen.findByRole("listitem", { name: "Admin on prod" });
    expect(within(card).getByText(/no credentials of its own to rotate or reset/)).toBeInTheDocument();
    expect(within(card).queryByRole("button", { name: "Reset credentials" })).toBeNull();
  });

  it("resets credentials only after a confirmation", async () => {
    const api = stubApi({
      [`GET ${SESSIONS}`]: () => ({
        items: [accessSession({ credentials_status: "VIEWED", can_reset_credentials: true })],
        pagination: { next_page_token: null },
      }),
      [`POST ${SESSIONS}/session-1/reset-credentials`]: () => ({ message: "Credentials reset." }),
    });
    const { user } = renderWithApp(<MyAccessPage />);
    const card = await screen.findByRole("listitem", { name: "DataEngineer (assume)" });
    await user.click(within(card).getByRole("button", { name: "Reset credentials" }));
    const dialog = await screen.findByRole("dialog", { name: "Reset your credentials?" });
    await user.click(within(dialog).getByRole("button", { name: "Reset credentials" }));
    await waitFor(() =>
      expect(api.requests.some((url) => url.pathname === `${SESSIONS}/session-1/reset-credentials`)).toBe(
        true,
      ),
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });
});
