import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../../../test/render.tsx";
import { PersonForm } from "./person-form.tsx";

const SOURCE_ID = "5d1c1a52-0a8e-4c53-9f8a-5b7d2d0c6a11";
const PEOPLE_PATH = `/api/admin/v1/identity-sources/${SOURCE_ID}/people`;
const NOW = "2026-12-02T07:00:00.000Z";

type Answer = { status: number; body: unknown };

/** Answers the form's write with `answer`, recording each request's method, path and JSON body. */
function stubWrite(answer: (body: Record<string, unknown>) => Answer) {
  const sent: Array<{ method: string; path: string; body: Record<string, unknown> }> = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    const url = new URL(input, "http://portcullis.test");
    const body = init?.body ? JSON.parse(String(init.body)) : {};
    sent.push({ method: init?.method ?? "GET", path: url.pathname, body });
    const { status, body: reply } = answer(body);
    return new Response(JSON.stringify(reply), { status, headers: { "content-type": "application/json" } });
  });
  return sent;
}

function person(fields: Record<string, unknown>) {
  return {
    id: "8a0b9d3e-1c2f-4a5b-8c7d-6e5f4a3b2c1d",
    source_id: SOURCE_ID,
    user_name: "ada",
    email: null,
    display_name: null,
    given_name: null,
    family_name: null,
    title: null,
    active: true,
    external_id: null,
    department: null,
    manager_id: null,
    employee_number: null,
    cost_center: null,
    organization: null,
    groups: [],
    created_at: NOW,
    updated_at: NOW,
    ...fields,
  };
}

const userNameBox = () => screen.getByRole("textbox", { name: /^User name/ });
const emailBox = () => screen.getByRole("textbox", { name: /^Email/ });

afterEach(() => vi.unstubAllGlobals());

describe("Built-in person form", () => {
  it("shows the shared schema's words under the fields and sends nothing while they are wrong", async () => {
    const sent = stubWrite(() => ({ status: 500, body: {} }));
    const { user } = renderWithApp(<PersonForm sourceId={SOURCE_ID} onDone={() => {}} />);
    await user.type(emailBox(), "not-an-email");
    await user.click(screen.getByRole("button", { name: "Add person" }));

    expect(await screen.findByText("Enter a user name.")).toBeInTheDocument();
    expect(userNameBox()).toHaveAttribute("aria-invalid", "true");
    expect(userNameBox()).toHaveAccessibleDescription(expect.stringContaining("Enter a user name."));
    expect(emailBox()).toHaveAccessibleDescription(expect.stringContaining("Enter a valid email address."));
    expect(sent).toEqual([]);
  });

  it("adds a person: trimmed values, an empty email as null, active by default", async () => {
    const sent = stubWrite((body) => ({ status: 201, body: person(body) }));
    const onDone = vi.fn();
    const { user } = renderWithApp(<PersonForm sourceId={SOURCE_ID} onDone={onDone} />);
    await user.type(userNameBox(), "  ada.lovelace ");
    await user.type(screen.getByRole("textbox", { name: "Display name" }), "Ada Lovelace");
    await user.type(screen.getByRole("textbox", { name: "Department" }), "Engineering");
    await user.click(screen.getByRole("button", { name: "Add person" }));

    await vi.waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: "POST", path: PEOPLE_PATH });
    expect(sent[0]!.body).toMatchObject({
      user_name: "ada.lovelace",
      email: null,
      display_name: "Ada Lovelace",
      department: "Engineering",
      title: null,
      active: true,
    });
  });

  it("puts the API's words under the field they name (a user name already taken)", async () => {
    const message = "A person with this user name already exists in this source.";
    stubWrite(() => ({
      status: 409,
      body: {
        statusCode: 409,
        error: "Conflict",
        code: "IDENTITY_NAME_TAKEN",
        message,
        issues: [{ path: "user_name", message }],
      },
    }));
    const onDone = vi.fn();
    const { user } = renderWithApp(<PersonForm sourceId={SOURCE_ID} onDone={onDone} />);
    await user.type(userNameBox(), "ada");
    await user.click(screen.getByRole("button", { name: "Add person" }));

    await vi.waitFor(() =>
      expect(userNameBox()).toHaveAccessibleDescription(expect.stringContaining(message)),
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });

  it("edits a person with PATCH, clearing a field emptied and deactivating", async () => {
    const sent = stubWrite((body) => ({ status: 200, body: person(body) }));
    const existing = person({ email: "ada@example.com", department: "Research", active: true });
    const onDone = vi.fn();
    const { user } = renderWithApp(<PersonForm sourceId={SOURCE_ID} person={existing} onDone={onDone} />);
    expect(emailBox()).toHaveValue("ada@example.com");
    await user.clear(screen.getByRole("textbox", { name: "Department" }));
    await user.click(screen.getByRole("switch", { name: /Active/ }));
    await user.click(screen.getByRole("button", { name: "Save person" }));

    await vi.waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(sent[0]).toMatchObject({ method: "PATCH", path: `${PEOPLE_PATH}/${existing.id}` });
    expect(sent[0]!.body).toMatchObject({ email: "ada@example.com", department: null, active: false });
  });
});
