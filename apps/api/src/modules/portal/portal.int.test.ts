import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import {
  accountBody,
  type Callers,
  call,
  organizationBody,
  seedConnector,
  seedResources,
  setUpCallers,
} from "../../../test/fixtures.ts";

let t: TestApp;
let callers: Callers;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  const connector = await seedConnector(t.database.db);
  const bodies = {
    account: accountBody(connector.id, {
      name: "A Account",
      integration_config: { region: "eu-central-1", profile: "prod-admin" },
      custom_access_details: "Assume the role from the CLI.",
    }),
    organization: organizationBody(connector.id, { name: "B Organization" }),
    initializing: accountBody(connector.id, { name: "C Initializing" }),
    warning: accountBody(connector.id, { name: "D Warning" }),
  };
  for (const [key, body] of Object.entries(bodies)) {
    const response = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: body,
    });
    ids[key] = response.json().id;
  }
  await t.database.db.integration.updateMany({
    where: { id: { in: [ids.account!, ids.organization!] } },
    data: { status: "Active" },
  });
  await t.database.db.integration.update({ where: { id: ids.warning! }, data: { status: "Warning" } });
  await seedResources(t.database.db, ids.account!, 3);
});
afterAll(() => t.close());

describe("GET /api/portal/integrations", () => {
  it("shows end users the Active and Warning integrations with how to sign in", async () => {
    const response = await call(t.app, callers.user, { method: "GET", url: "/api/portal/integrations" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          id: ids.account,
          name: "A Account",
          type: "aws-account",
          custom_access_details: "Assume the role from the CLI.",
          sign_in: {
            kind: "cli-profile",
            profile: "prod-admin",
            region: "eu-central-1",
            snippet: "[profile prod-admin]\nregion = eu-central-1\noutput = json\n",
          },
          resource_count: 3,
        },
        {
          id: ids.organization,
          name: "B Organization",
          type: "aws-organization",
          custom_access_details: null,
          sign_in: { kind: "sso", url: "https://my-org.awsapps.com/start" },
          resource_count: 0,
        },
        expect.objectContaining({
          name: "D Warning",
          sign_in: expect.objectContaining({ profile: "apono" }),
        }),
      ],
      pagination: { next_page_token: null },
    });
    expect(response.body).not.toContain("connector");
  });

  it("pages by name", async () => {
    const first = (
      await call(t.app, callers.user, { method: "GET", url: "/api/portal/integrations?limit=2" })
    ).json();
    expect(first.items.map((item: { name: string }) => item.name)).toEqual(["A Account", "B Organization"]);
    const second = (
      await call(t.app, callers.user, {
        method: "GET",
        url: `/api/portal/integrations?limit=2&page_token=${first.pagination.next_page_token}`,
      })
    ).json();
    expect(second.items.map((item: { name: string }) => item.name)).toEqual(["D Warning"]);
    expect(second.pagination.next_page_token).toBeNull();
  });
});

describe("GET /api/portal/integrations/{id}/resources", () => {
  it("lists the resources of a visible integration, and hides the others", async () => {
    const response = await call(t.app, callers.userToken, {
      method: "GET",
      url: `/api/portal/integrations/${ids.account}/resources?search=bucket-0001`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().data.map((resource: { name: string }) => resource.name)).toEqual(["bucket-0001"]);
    const hidden = await call(t.app, callers.user, {
      method: "GET",
      url: `/api/portal/integrations/${ids.initializing}/resources`,
    });
    expect(hidden.statusCode).toBe(404);
  });
});
