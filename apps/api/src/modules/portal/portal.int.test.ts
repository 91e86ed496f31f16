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
            profile: "prod-admin-a-account",
            region: "eu-central-1",
            snippet:
              "[profile prod-admin-a-account]\n" +
              "role_arn = arn:aws:iam::111122223333:role/YOUR_GRANTED_ROLE\n" +
              "source_profile = default\nrole_session_name = prod-admin-a-account\n" +
              "region = eu-central-1\noutput = json\n",
          },
          resource_count: 3,
        },
        {
          id: ids.organization,
          name: "B Organization",
          type: "aws-organization",
          custom_access_details: null,
          sign_in: {
            kind: "sso",
            url: "https://my-org.awsapps.com/start",
            profile: "apono-b-organization",
            snippet:
              "[sso-session apono-b-organization]\nsso_start_url = https://my-org.awsapps.com/start\n" +
              "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n",
          },
          resource_count: 0,
        },
        expect.objectContaining({
          name: "D Warning",
          // Unique per integration even with the default AWS Profile Name.
          sign_in: expect.objectContaining({ profile: "apono-d-warning" }),
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

describe("during a refresh", () => {
  it("keeps an integration that worked, with its resources; one whose last fetch failed stays hidden", async () => {
    const db = t.database.db;
    const connector = await seedConnector(db);
    const created: Record<string, string> = {};
    for (const name of ["E Was Active", "F Was Error"]) {
      const response = await call(t.app, callers.admin, {
        method: "POST",
        url: "/api/admin/v4/integrations",
        payload: accountBody(connector.id, { name }),
      });
      created[name] = response.json().id;
    }
    const wasActive = created["E Was Active"]!;
    const wasError = created["F Was Error"]!;
    try {
      const finished = (integrationId: string, state: "succeeded" | "failed", minutesAgo: number) => ({
        integrationId,
        trigger: "manual",
        state,
        startedAt: new Date(Date.now() - (minutesAgo + 1) * 60_000),
        finishedAt: new Date(Date.now() - minutesAgo * 60_000),
      });
      // E: its last fetch worked. F: it worked once, then its last fetch failed.
      await db.syncRun.createMany({
        data: [
          finished(wasActive, "succeeded", 5),
          finished(wasError, "succeeded", 10),
          finished(wasError, "failed", 5),
        ],
      });
      await db.integration.update({
        where: { id: wasActive },
        data: { status: "Active", currentSyncRunId: null },
      });
      await db.integration.update({
        where: { id: wasError },
        data: { status: "Error", currentSyncRunId: null },
      });
      await db.syncRun.deleteMany({
        where: { integrationId: { in: [wasActive, wasError] }, state: "queued" },
      });
      await seedResources(db, wasActive, 2);
      await seedResources(db, wasError, 2);

      for (const id of [wasActive, wasError]) {
        const refresh = await call(t.app, callers.admin, {
          method: "POST",
          url: `/api/v2/integrations/${id}/refresh`,
        });
        expect(refresh.statusCode, refresh.body).toBeLessThan(300);
        expect((await db.integration.findUniqueOrThrow({ where: { id } })).status).toBe("Refreshing");
      }

      const list = await call(t.app, callers.user, {
        method: "GET",
        url: "/api/portal/integrations?limit=100",
      });
      const names = list.json().items.map((item: { name: string }) => item.name);
      expect(names).toContain("E Was Active");
      expect(names).not.toContain("F Was Error");
      const resources = await call(t.app, callers.user, {
        method: "GET",
        url: `/api/portal/integrations/${wasActive}/resources`,
      });
      expect(resources.statusCode).toBe(200);
      expect(resources.json().data).toHaveLength(2);
      const hidden = await call(t.app, callers.user, {
        method: "GET",
        url: `/api/portal/integrations/${wasError}/resources`,
      });
      expect(hidden.statusCode).toBe(404);
    } finally {
      await db.integration.deleteMany({ where: { id: { in: [wasActive, wasError] } } });
    }
  });
});
