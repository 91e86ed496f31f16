import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { stubApi } from "../../../test/fake-api.ts";
import { DIRECTORY, savedAccountIntegration } from "../../../test/fixtures.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { AccessFlowForm } from "./access-flow-form.tsx";

const INTEGRATION = savedAccountIntegration({
  id: "int-1",
  name: "Prod account",
  connected_resource_types: ["aws-account-iam-role", "aws-account-s3-bucket"],
});
const FLOWS_PATH = "/api/admin/v2/access-flows";
const NOW = "2026-12-02T10:00:00.000Z";

type Reply = { status: number; body: unknown };

/**
 * The editor's reads (identity sources, integrations, permissions, directory) answered as the API
 * does, and its writes answered by `write`; returns the bodies written.
 */
function stubEditorApi(write: (body: Record<string, unknown>) => Reply) {
  const reads = stubApi({
    "GET /api/admin/identity-providers": () => ({ items: [DIRECTORY] }),
    "GET /api/admin/v4/integrations": () => ({ items: [INTEGRATION], pagination: { next_page_token: null } }),
    "GET /api/v3/integrations/int-1/permissions": (url) => ({
      data:
        url.searchParams.get("resource-type") === "aws-account-s3-bucket"
          ? [
              { id: "read-only", name: "read-only", resource_type: "aws-account-s3-bucket" },
              { id: "read-write", name: "read-write", resource_type: "aws-account-s3-bucket" },
            ]
          : [{ id: "assume", name: "assume", resource_type: "aws-account-iam-role" }],
      pagination: { total: 1, limit: 100, offset: 0 },
    }),
    "GET /api/admin/directory/groups": () => ({
      items: [{ id: "g1", name: "platform", member_count: 3, provider_id: DIRECTORY.id }],
    }),
  });
  const stubbedFetch = globalThis.fetch;
  const written: Array<{ method: string; path: string; body: Record<string, unknown> }> = [];
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    if (method === "GET") return stubbedFetch(input, init);
    const url = new URL(input, "http://portcullis.test");
    const body = init?.body ? JSON.parse(String(init.body)) : {};
    written.push({ method, path: url.pathname, body });
    const reply = write(body);
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { "content-type": "application/json" },
    });
  });
  return { reads, written };
}

/** AccessFlowV2 as the API answers a save of `body`. */
function savedFlow(body: Record<string, unknown>) {
  return {
    id: "flow-1",
    name: body.name,
    description: null,
    active: true,
    trigger: "SELF_SERVE",
    requestors: { logical_operator: "OR", conditions: [] },
    request_for: null,
    access_targets: [],
    approver_policy: null,
    escalation_policy: null,
    grant_duration_in_min: 60,
    timeframe: null,
    settings: {
      justification_required: true,
      require_approver_reason: false,
      requestor_cannot_approve_himself: true,
      require_mfa: false,
      labels: [],
      max_extensions: null,
      extension_duration_in_min: null,
    },
    creation_date: NOW,
    update_date: null,
  };
}

async function pick(
  user: ReturnType<typeof renderWithApp>["user"],
  box: HTMLElement,
  option: string | RegExp,
) {
  await user.click(box);
  await user.click(await screen.findByRole("option", { name: option }));
}

async function addRoleTarget(user: ReturnType<typeof renderWithApp>["user"]) {
  await user.click(screen.getByRole("button", { name: "Add access target" }));
  const target = screen.getByRole("group", { name: "Access target 1" });
  await pick(user, within(target).getByRole("combobox", { name: /^Integration/ }), "Prod account");
  await pick(user, within(target).getByRole("combobox", { name: /^Resource type/ }), "IAM role");
  await pick(user, within(target).getByRole("combobox", { name: /^Permissions/ }), "assume");
  return target;
}

describe("Access flow editor", () => {
  it("starts from the default flow: the owners approve, for 1 hour, justification required", async () => {
    const { written } = stubEditorApi((body) => ({ status: 201, body: savedFlow(body) }));
    const onSaved = vi.fn();
    const { user } = renderWithApp(<AccessFlowForm onSaved={onSaved} onCancel={() => {}} />);

    const name = await screen.findByRole("textbox", { name: /^Name/ });
    expect(screen.getByRole("radio", { name: "Anyone signed in to Portcullis" })).toBeChecked();
    expect(screen.getByRole("switch", { name: /Requests need approval/ })).toBeChecked();
    const approver = screen.getByRole("group", { name: "Approver 1" });
    expect(within(approver).getByRole("combobox", { name: "Who" })).toHaveValue(
      "Owner (resource owner, else the integration owner)",
    );
    expect(screen.getByRole("textbox", { name: /^Grant duration/ })).toHaveValue("1");
    expect(screen.getByRole("combobox", { name: "Unit" })).toHaveValue("hours");
    expect(screen.getByRole("switch", { name: /Justification required/ })).toBeChecked();
    expect(screen.getByRole("switch", { name: /Approvers give a reason/ })).not.toBeChecked();
    expect(screen.getByRole("switch", { name: /cannot approve their own/ })).toBeChecked();

    await user.type(name, "Prod roles");
    await addRoleTarget(user);
    await user.click(screen.getByRole("button", { name: "Create access flow" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ method: "POST", path: FLOWS_PATH });
    expect(written[0]!.body).toEqual({
      name: "Prod roles",
      description: null,
      active: true,
      trigger: "SELF_SERVE",
      requestors: { logical_operator: "OR", conditions: [] },
      access_targets: [
        {
          integration: {
            integration_reference: "int-1",
            resource_type: "aws-account-iam-role",
            permissions: ["assume"],
            resources_scopes: [],
          },
        },
      ],
      approver_policy: {
        approval_mode: "ANY_OF",
        approver_groups: [
          {
            logical_operator: "OR",
            approvers: [
              { type: "Owner", source_integration_reference: null, match_operator: "is", values: [] },
            ],
          },
        ],
      },
      grant_duration_in_min: 60,
      settings: {
        justification_required: true,
        require_approver_reason: false,
        requestor_cannot_approve_himself: true,
        require_mfa: false,
        labels: [],
      },
      request_for_others: false,
    });
  });

  it("shows the shared schema's words under the fields and sends nothing while they are wrong", async () => {
    const { written } = stubEditorApi(() => ({ status: 500, body: {} }));
    const { user } = renderWithApp(<AccessFlowForm onSaved={() => {}} onCancel={() => {}} />);
    await screen.findByRole("textbox", { name: /^Name/ });
    await user.click(screen.getByRole("radio", { name: "Only these users or groups" }));
    const grant = screen.getByRole("textbox", { name: /^Grant duration/ });
    await user.clear(grant);
    await user.type(grant, "0");
    await user.click(screen.getByRole("button", { name: "Create access flow" }));

    expect(await screen.findByText("Enter a name.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /^Name/ })).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Add at least one access target.")).toBeInTheDocument();
    const requestor = screen.getByRole("group", { name: "Requestor 1" });
    expect(within(requestor).getByText("Select at least one user.")).toBeInTheDocument();
    expect(grant).toHaveAccessibleDescription(
      expect.stringContaining("grant_duration_in_min must be at least 1 minute."),
    );
    expect(written).toEqual([]);
  });

  it("puts the API's words under the fields they name", async () => {
    const nameTaken = "Another access flow is named “Prod roles” (names are compared ignoring case).";
    const permission = "assume is not a permission of IAM role in Prod account.";
    const { written } = stubEditorApi(() => ({
      status: 400,
      body: {
        statusCode: 400,
        error: "Bad Request",
        code: "VALIDATION_FAILED",
        message: nameTaken,
        issues: [
          { path: "name", message: nameTaken },
          { path: "access_targets.0.integration.permissions.0", message: permission },
        ],
      },
    }));
    const onSaved = vi.fn();
    const { user } = renderWithApp(<AccessFlowForm onSaved={onSaved} onCancel={() => {}} />);
    await user.type(await screen.findByRole("textbox", { name: /^Name/ }), "Prod roles");
    const target = await addRoleTarget(user);
    await user.click(screen.getByRole("button", { name: "Create access flow" }));

    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: /^Name/ })).toHaveAccessibleDescription(
        expect.stringContaining(nameTaken),
      ),
    );
    expect(within(target).getByText(permission)).toBeInTheDocument();
    expect(screen.queryByRole("alert", { name: /not saved/ })).not.toBeInTheDocument();
    expect(written).toHaveLength(1);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("says a conflict with no field above the form, in the API's words", async () => {
    const message = "Only SELF_SERVE flows are offered.";
    stubEditorApi(() => ({
      status: 400,
      body: {
        statusCode: 400,
        error: "Bad Request",
        code: "VALIDATION_FAILED",
        message,
        issues: [{ path: "trigger", message }],
      },
    }));
    const { user } = renderWithApp(<AccessFlowForm onSaved={() => {}} onCancel={() => {}} />);
    await user.type(await screen.findByRole("textbox", { name: /^Name/ }), "Prod roles");
    await addRoleTarget(user);
    await user.click(screen.getByRole("button", { name: "Create access flow" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
  });

  it("edits a flow with PUT: groups approve ALL_OF, no justification, a tag scope", async () => {
    const { written } = stubEditorApi((body) => ({ status: 200, body: savedFlow(body) }));
    const existing = {
      ...savedFlow({ name: "S3 access" }),
      access_targets: [
        {
          integration: {
            integration_id: "int-1",
            integration_name: "Prod account",
            resource_type: "aws-account-s3-bucket",
            permissions: ["read-only"],
            resources_scopes: [],
          },
          bundle: null,
          access_scope: null,
        },
      ],
      approver_policy: {
        approval_mode: "ANY_OF" as const,
        approver_groups: [
          {
            logical_operator: "OR" as const,
            approvers: [
              {
                source_integration_id: null,
                source_integration_name: null,
                type: "Owner" as const,
                match_operator: "is",
                values: [],
              },
            ],
          },
        ],
      },
      grant_duration_in_min: 240,
    };
    const onSaved = vi.fn();
    const { user } = renderWithApp(
      <AccessFlowForm flow={existing as never} onSaved={onSaved} onCancel={() => {}} />,
    );
    await screen.findByRole("textbox", { name: /^Name/ });
    expect(screen.getByRole("textbox", { name: /^Grant duration/ })).toHaveValue("4");

    const target = screen.getByRole("group", { name: "Access target 1" });
    await user.click(within(target).getByRole("button", { name: "Add resource scope" }));
    await pick(user, within(target).getByRole("combobox", { name: "By" }), "Tag");
    await user.type(within(target).getByRole("textbox", { name: /^Tag key/ }), "team");
    await user.type(within(target).getByRole("combobox", { name: /^Tag values/ }), "data{Enter}");

    await user.click(screen.getByRole("radio", { name: "Every group approves" }));
    await user.click(screen.getByRole("button", { name: "Add approver group" }));
    const group = screen.getByRole("group", { name: "Approver group 2" });
    await pick(user, within(group).getByRole("combobox", { name: "Who" }), "Groups");
    await pick(user, within(group).getByRole("combobox", { name: /^Groups/ }), /^platform/);
    await user.click(screen.getByRole("switch", { name: /Justification required/ }));
    await user.click(screen.getByRole("button", { name: "Save access flow" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(written[0]).toMatchObject({ method: "PUT", path: `${FLOWS_PATH}/flow-1` });
    expect(written[0]!.body).toMatchObject({
      access_targets: [
        {
          integration: {
            resources_scopes: [
              { scope_mode: "include_resources", type: "TAG", key: "team", values: ["data"] },
            ],
          },
        },
      ],
      approver_policy: {
        approval_mode: "ALL_OF",
        approver_groups: [
          { approvers: [{ type: "Owner" }] },
          {
            logical_operator: "OR",
            approvers: [{ type: "group", source_integration_reference: null, values: ["platform"] }],
          },
        ],
      },
      grant_duration_in_min: 240,
      settings: { justification_required: false },
    });
  });
});
