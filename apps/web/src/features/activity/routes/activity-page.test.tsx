import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubApi } from "../../../test/fake-api.ts";
import { renderWithApp } from "../../../test/render.tsx";
import { activityCsv } from "../lib/activity-csv.ts";
import { ActivityPage } from "./activity-page.tsx";

const INTEGRATION = "7c1d6a5e-0000-4000-8000-000000000001";
const PERSON = "7c1d6a5e-0000-4000-8000-0000000000aa";

function item(i: number, over: Record<string, unknown> = {}) {
  return {
    request_id: "7c1d6a5e-0000-4000-8000-0000000000f1",
    request_date: "2026-12-01T09:00:00.000Z",
    requestor_name: "Alice Example",
    requestor_email: "alice@example.com",
    integration: "Prod org",
    resource_type: "aws-account-iam-role",
    resources: ["app-readers"],
    permissions: ["assume"],
    justification: "deploy",
    status: "GRANTED",
    trigger_type: "SELF_SERVE",
    access_flow: "Owners approve",
    extension_count: "0",
    portcullis: {
      event_id: `evt-${i}`,
      event_time: `2026-12-01T10:0${i}:00.000Z`,
      event_name: "GetCallerIdentity",
      event_source: "sts.amazonaws.com",
      read_only: true,
      resources: [],
      source_ip: "203.0.113.9",
      user_agent: "aws-cli/2",
      error_code: null,
      error_message: null,
      account_id: "222222222222",
      region: "us-east-1",
      principal: "portcullis-alice",
      access_key_id: "AKIAEXAMPLE",
      entitlement_id: "e1",
      person_id: PERSON,
      person_name: "Alice Example",
      integration_id: INTEGRATION,
      ...over,
    },
  };
}

function stubActivity(
  items = [
    item(1),
    item(2, {
      event_name: "DeleteBucket",
      read_only: false,
      error_code: "AccessDenied",
      error_message: "not authorized",
      resources: ["arn:aws:s3:::data"],
    }),
  ],
) {
  return stubApi({
    "GET /api/v3/activity": (url) => ({
      data: items,
      pagination: { total: items.length, limit: Number(url.searchParams.get("limit")), offset: 0 },
    }),
    "GET /api/admin/v4/integrations": () => ({
      items: [{ id: INTEGRATION, name: "Prod org" }],
      pagination: { next_page_token: null },
    }),
    "GET /api/admin/directory/users": () => ({
      items: [{ id: PERSON, email: "alice@example.com", name: "Alice Example", provider_id: "s1" }],
    }),
  });
}

afterEach(() => vi.unstubAllGlobals());

const activityRequests = (requests: URL[]) => requests.filter((u) => u.pathname === "/api/v3/activity");

describe("ActivityPage", () => {
  it("shows each call with who made it, what it touched and whether AWS allowed it", async () => {
    stubActivity();
    renderWithApp(<ActivityPage />);
    const rows = await screen.findAllByTestId("activity-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Alice Example");
    expect(rows[0]).toHaveTextContent("GetCallerIdentity");
    expect(rows[0]).toHaveTextContent("sts.amazonaws.com · read");
    expect(within(rows[0]!).getByText("OK")).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent("DeleteBucket");
    expect(rows[1]).toHaveTextContent("write");
    expect(rows[1]).toHaveTextContent("arn:aws:s3:::data");
    expect(within(rows[1]!).getByText("AccessDenied")).toBeInTheDocument();
  });

  it("sends the filters: integration, person, time range, writes only, errors only", async () => {
    const { requests } = stubActivity();
    const { user } = renderWithApp(<ActivityPage />);
    await screen.findAllByTestId("activity-row");
    const first = activityRequests(requests)[0]!;
    // Seven days back by default, with no other filter.
    expect(first.searchParams.get("start_date")).toMatch(/^\d+$/);
    expect(first.searchParams.get("filter[integration_id]")).toBeNull();

    await user.click(screen.getByRole("combobox", { name: "Integration" }));
    await user.click(await screen.findByRole("option", { name: "Prod org" }));
    await user.click(screen.getByRole("checkbox", { name: "Writes only" }));
    await user.click(screen.getByRole("checkbox", { name: "Errors only" }));
    await user.click(screen.getByRole("combobox", { name: "Person" }));
    await user.click(await screen.findByRole("option", { name: "Alice Example (alice@example.com)" }));
    await user.click(screen.getByRole("combobox", { name: "Time" }));
    await user.click(await screen.findByRole("option", { name: "Any time" }));

    await waitFor(() => {
      const last = activityRequests(requests).at(-1)!;
      expect(Object.fromEntries(last.searchParams)).toEqual({
        "filter[integration_id]": INTEGRATION,
        "filter[requestor_id]": PERSON,
        writes_only: "true",
        errors_only: "true",
        limit: "50",
        offset: "0",
      });
    });
  });

  it("a row links to its request's timeline, which asks only for that request's calls until cleared", async () => {
    const { requests } = stubActivity();
    const { user, router } = renderWithApp(<ActivityPage />);
    const [row] = await screen.findAllByTestId("activity-row");
    const link = within(row!).getByRole("link", { name: /^Request timeline: Alice Example, Prod org/ });
    const request = "7c1d6a5e-0000-4000-8000-0000000000f1";
    expect(link).toHaveAttribute("href", `/activity?request=${request}&range=all`);
    expect(activityRequests(requests)[0]!.searchParams.get("filter[access_request_id]")).toBeNull();

    await router.navigate(`/activity?request=${request}&range=all`);
    await waitFor(() => {
      const last = activityRequests(requests).at(-1)!;
      expect(last.searchParams.get("filter[access_request_id]")).toBe(request);
      expect(last.searchParams.get("start_date")).toBeNull();
    });
    const note = await screen.findByRole("note");
    expect(note).toHaveTextContent("One request's timeline");

    await user.click(within(note).getByRole("button", { name: "Show all activity" }));
    await waitFor(() =>
      expect(activityRequests(requests).at(-1)!.searchParams.get("filter[access_request_id]")).toBeNull(),
    );
    expect(screen.queryByRole("note")).not.toBeInTheDocument();
  });

  it("says when nothing matches", async () => {
    stubActivity([]);
    renderWithApp(<ActivityPage />);
    expect(await screen.findByText("No activity")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Export CSV" })).toBeDisabled();
  });

  it("exports every page of the filtered activity as CSV", async () => {
    const { requests } = stubActivity();
    const created: Blob[] = [];
    vi.stubGlobal(
      "URL",
      Object.assign(URL, {
        createObjectURL: (b: Blob) => {
          created.push(b);
          return "blob:x";
        },
        revokeObjectURL: () => {},
      }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const { user } = renderWithApp(<ActivityPage />);
    await screen.findAllByTestId("activity-row");
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(activityRequests(requests).at(-1)!.searchParams.get("limit")).toBe("1000");
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]!);
    });
    expect(text.split("\r\n")[0]).toBe(
      "event_time,event_name,event_source,read_only,error_code,resources,account_id,region,principal,access_key_id,source_ip,user_agent,person,person_email,integration,request_id,resource,permission,event_id",
    );
    expect(text).toContain("DeleteBucket,sts.amazonaws.com,false,AccessDenied,arn:aws:s3:::data");
    click.mockRestore();
  });
});

describe("activityCsv", () => {
  it("quotes commas and quotes, and defuses spreadsheet formulas", () => {
    const csv = activityCsv([item(1, { user_agent: '=HYPERLINK("x"), evil', principal: "a,b" }) as never]);
    const row = csv.split("\r\n")[1]!;
    expect(row).toContain('"a,b"');
    expect(row).toContain(`"'=HYPERLINK(""x""), evil"`);
  });
});
