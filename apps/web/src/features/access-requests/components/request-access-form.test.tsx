import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { stubApi } from "../../../test/fake-api.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { RequestAccessForm } from "./request-access-form.tsx";

const SELECTABLE = "/api/v3/selectable-integrations";
const ROLES = [
  {
    id: "r1",
    type: "aws-account-iam-role",
    name: "ReadOnlyAnalyst",
    account_id: "111111111111",
    region: null,
    source_id: "arn:1",
  },
  {
    id: "r2",
    type: "aws-account-iam-role",
    name: "DataEngineer",
    account_id: "111111111111",
    region: null,
    source_id: "arn:2",
  },
  {
    id: "r3",
    type: "aws-account-iam-role",
    name: "BillingViewer",
    account_id: "111111111111",
    region: null,
    source_id: "arn:3",
  },
];

type Reply = { status: number; body: unknown };

/** The selectable routes answered as the API does; the create answered by `create`. */
function stubRequestApi(create: (body: Record<string, unknown>) => Reply) {
  const reads = stubApi({
    [`GET ${SELECTABLE}`]: () => ({
      data: [{ id: "int-1", name: "Prod account", type: "aws-account" }],
      pagination: { total: 1, limit: 100, offset: 0 },
    }),
    [`GET ${SELECTABLE}/int-1/resource-types`]: () => ({
      data: [{ id: "aws-account-iam-role", name: "IAM role" }],
      pagination: { total: 1, limit: 100, offset: 0 },
    }),
    [`GET ${SELECTABLE}/int-1/aws-account-iam-role/resources`]: (url) => {
      const search = (url.searchParams.get("search") ?? "").toLowerCase();
      const data = ROLES.filter((role) => role.name.toLowerCase().includes(search));
      return { data, pagination: { total: data.length, limit: 50, offset: 0 } };
    },
    [`GET ${SELECTABLE}/int-1/aws-account-iam-role/permissions`]: () => ({
      data: ["assume"],
      pagination: { total: 1, limit: 100, offset: 0 },
      allow_multiple: false,
    }),
  });
  const reading = globalThis.fetch;
  const sent: Array<Record<string, unknown>> = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    if ((init?.method ?? "GET") === "GET") return reading(input, init);
    const body = JSON.parse(String(init?.body ?? "{}"));
    sent.push(body);
    const reply = create(body);
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { "content-type": "application/json" },
    });
  });
  return { reads, sent };
}

type User = ReturnType<typeof renderWithApp>["user"];

async function pick(user: User, name: RegExp, option: string) {
  await user.click(screen.getByRole("combobox", { name }));
  await user.click(await screen.findByRole("option", { name: option }));
}

/** Integration → resource type → two resources found by searching → permission. */
async function walkToPermission(user: User, reads: ReturnType<typeof stubRequestApi>["reads"]) {
  await screen.findByRole("combobox", { name: /^Integration/ });
  await pick(user, /^Integration/, "Prod account");
  await pick(user, /^Resource type/, "IAM role");
  expect(await screen.findAllByTestId("request-resource")).toHaveLength(3);
  await user.type(screen.getByRole("searchbox", { name: "Search resources" }), "data");
  // The search is the server's: the list shows what it answered for "data".
  await waitFor(() =>
    expect(
      reads.requests.some(
        (url) => url.pathname.endsWith("/resources") && url.searchParams.get("search") === "data",
      ),
    ).toBe(true),
  );
  await waitFor(() => expect(screen.getAllByTestId("request-resource")).toHaveLength(1));
  await user.click(screen.getByRole("checkbox", { name: /DataEngineer/ }));
  await user.clear(screen.getByRole("searchbox", { name: "Search resources" }));
  await waitFor(() => expect(screen.getAllByTestId("request-resource")).toHaveLength(3));
  await user.click(screen.getByRole("checkbox", { name: /ReadOnlyAnalyst/ }));
  await pick(user, /^Permission/, "assume");
}

describe("Request access wizard", () => {
  it("keeps the Permission picker closed until the permissions are in (it becomes a multi-select with them, which would close a dropdown opened meanwhile)", async () => {
    let answer: (body: unknown) => void = () => {};
    stubApi({
      [`GET ${SELECTABLE}`]: () => ({
        data: [{ id: "int-1", name: "Prod account", type: "aws-account" }],
        pagination: { total: 1, limit: 100, offset: 0 },
      }),
      [`GET ${SELECTABLE}/int-1/resource-types`]: () => ({
        data: [{ id: "aws-account-iam-role", name: "IAM role" }],
        pagination: { total: 1, limit: 100, offset: 0 },
      }),
      [`GET ${SELECTABLE}/int-1/aws-account-iam-role/resources`]: () => ({
        data: ROLES,
        pagination: { total: ROLES.length, limit: 50, offset: 0 },
      }),
      [`GET ${SELECTABLE}/int-1/aws-account-iam-role/permissions`]: () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const { user } = renderWithApp(<RequestAccessForm onRequested={vi.fn()} />);
    await screen.findByRole("combobox", { name: /^Integration/ });
    await pick(user, /^Integration/, "Prod account");
    await pick(user, /^Resource type/, "IAM role");
    const permission = screen.getByRole("combobox", { name: /^Permission/ });
    await waitFor(() => expect(permission).toHaveAttribute("placeholder", "Loading permissions…"));
    expect(permission).toBeDisabled();
    answer({
      data: ["assume", "admin"],
      pagination: { total: 2, limit: 100, offset: 0 },
      allow_multiple: true,
    });
    await waitFor(() => expect(screen.getByRole("combobox", { name: /^Permission/ })).toBeEnabled());
    await user.click(screen.getByRole("combobox", { name: /^Permission/ }));
    expect(await screen.findByRole("option", { name: "admin" })).toBeVisible();
  });

  it("walks integration → type → searched resources → permission → duration → justification and sends one entitlement per resource", async () => {
    const { reads, sent } = stubRequestApi(() => ({ status: 200, body: [] }));
    const onRequested = vi.fn();
    const { user } = renderWithApp(<RequestAccessForm onRequested={onRequested} />);
    await walkToPermission(user, reads);
    await pick(user, /^For how long/, "4 hours");
    await user.type(screen.getByRole("textbox", { name: /Why do you need/ }), "  Incident 4711  ");
    expect(within(screen.getByLabelText("Selected resources")).getByText("DataEngineer")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Request access" }));

    await waitFor(() => expect(onRequested).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([
      {
        entitlements: [
          { resource_id: "r2", permission_id: "assume" },
          { resource_id: "r1", permission_id: "assume" },
        ],
        justification: "Incident 4711",
        duration_in_sec: 4 * 3600,
        custom_fields: {},
      },
    ]);
  });

  it("says what is missing at each step and sends nothing", async () => {
    const { sent } = stubRequestApi(() => ({ status: 200, body: [] }));
    const { user } = renderWithApp(<RequestAccessForm onRequested={() => {}} />);
    await screen.findByRole("combobox", { name: /^Integration/ });
    await user.click(screen.getByRole("button", { name: "Request access" }));
    expect(await screen.findByText("Select an integration.")).toBeInTheDocument();
    expect(screen.getByText("Select a resource type.")).toBeInTheDocument();
    expect(screen.getByText("Select at least one resource.")).toBeInTheDocument();
    expect(screen.getByText("Select a permission.")).toBeInTheDocument();
    expect(sent).toEqual([]);
  });

  it("shows the API's refusal: a justification the flow requires under its field, no approver above the form", async () => {
    const justification = "This access flow requires a justification.";
    let answer: Reply = {
      status: 400,
      body: {
        statusCode: 400,
        error: "Bad Request",
        code: "VALIDATION_FAILED",
        message: justification,
        issues: [{ path: "justification", message: justification }],
      },
    };
    const { reads } = stubRequestApi(() => answer);
    const onRequested = vi.fn();
    const { user } = renderWithApp(<RequestAccessForm onRequested={onRequested} />);
    await walkToPermission(user, reads);
    await user.click(screen.getByRole("button", { name: "Request access" }));
    const box = screen.getByRole("textbox", { name: /Why do you need/ });
    await waitFor(() => expect(box).toHaveAccessibleDescription(expect.stringContaining(justification)));

    const noApprover =
      "Nobody could approve this request: the owners of DataEngineer resolve to no live person. Ask an admin to set an owner or approvers.";
    answer = {
      status: 409,
      body: { statusCode: 409, error: "Conflict", code: "NO_POSSIBLE_APPROVER", message: noApprover },
    };
    await user.type(box, "Incident 4711");
    await user.click(screen.getByRole("button", { name: "Request access" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(noApprover);
    expect(onRequested).not.toHaveBeenCalled();
  });
});
