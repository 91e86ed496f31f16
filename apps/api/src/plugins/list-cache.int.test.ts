import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/app.ts";
import {
  accountBody,
  type Callers,
  call,
  seedConnector,
  seedResources,
  sessionCaller,
  setUpCallers,
  tokenCaller,
} from "../../test/fixtures.ts";
import { CHANGE_FEED_APPLICATION } from "../db/change-feed.ts";

// The admin list pages are kept as sent while their data is unchanged. These tests write as the
// worker does (another connection, no API request) and check the next list sees it.

let t: TestApp;
let callers: Callers;
let integrationId: string;
/** Another session on the database, as the worker's. */
let worker: pg.Client;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  const connector = await seedConnector(t.database.db);
  const created = await call(t.app, callers.admin, {
    method: "POST",
    url: "/api/admin/v4/integrations",
    payload: accountBody(connector.id),
  });
  integrationId = created.json().id;
  await seedResources(t.database.db, integrationId, 30);
  worker = new pg.Client({ connectionString: t.database.url });
  await worker.connect();
});
afterAll(async () => {
  await worker.end();
  await t.close();
});

/** Resolves once `condition` holds, polling; no deadline of its own (the test's timeout is the limit). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const stats = () => ({ ...t.app.listCache.stats });
const feed = () => {
  const found = t.app.listCache.feed;
  if (!found) throw new Error("the test app runs without a list cache");
  return found;
};
const resources = (query = "?limit=5") =>
  call(t.app, callers.admin, {
    method: "GET",
    url: `/api/v3/integrations/${integrationId}/resources${query}`,
  });
const integrations = () => call(t.app, callers.admin, { method: "GET", url: "/api/admin/v4/integrations" });
const nameOf = async () =>
  (await integrations()).json().items.find((item: { id: string }) => item.id === integrationId).name;

describe("the admin list cache", () => {
  it("serves a page read once as the same bytes while nothing changes, and shares it between spellings", async () => {
    const first = await resources("?limit=5");
    const before = stats();
    const again = await resources("?limit=5");
    // The same page: the query's parameters in another order (parsed, so the same key).
    const respelled = await resources("?search=&limit=5");
    expect(again.statusCode).toBe(200);
    expect(again.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(again.body).toBe(first.body);
    expect(respelled.body).toBe(first.body);
    const after = stats();
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(1);
    expect(after.misses - before.misses).toBeLessThanOrEqual(1);
  });

  it("shows a change another connection committed (the worker's) on the very next list", async () => {
    await resources();
    await resources();
    // The worker adds resources that sort first, and renames the integration.
    await worker.query(
      `INSERT INTO resources (id, integration_id, type, external_id, name, tags, first_seen, last_seen)
       VALUES (gen_random_uuid(), $1, 'aws-account-s3-bucket', 'arn:aws:s3:::aaa-first', 'aaa-first', '{}', now(), now())`,
      [integrationId],
    );
    const page = (await resources()).json();
    expect(page.data[0].name).toBe("aaa-first");
    expect(page.pagination.total).toBe(31);

    expect(await nameOf()).not.toBe("Renamed by the worker");
    await worker.query("UPDATE integrations SET name = 'Renamed by the worker' WHERE id = $1", [
      integrationId,
    ]);
    expect(await nameOf()).toBe("Renamed by the worker");
  });

  it("counts the notification of a write the moment it commits, without a list asking", async () => {
    const generation = feed().generation;
    await worker.query("UPDATE resources SET last_seen = now() WHERE integration_id = $1", [integrationId]);
    // The notification travels on its own; wait for it, no sleeping.
    await until(() => feed().generation > generation);
  });

  it("shows the API's own write at once (create, then list)", async () => {
    await integrations();
    const connector = await seedConnector(t.database.db);
    const created = await call(t.app, callers.admin, {
      method: "POST",
      url: "/api/admin/v4/integrations",
      payload: accountBody(connector.id),
    });
    expect(created.statusCode).toBe(201);
    const items = (await integrations()).json().items as Array<{ id: string }>;
    expect(items.map((item) => item.id)).toContain(created.json().id);
  });

  it("never serves a kept page to a caller the route refuses", async () => {
    await resources();
    const kept = stats().hits;
    const refused = await call(t.app, callers.user, {
      method: "GET",
      url: `/api/v3/integrations/${integrationId}/resources?limit=5`,
    });
    expect(refused.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: "GET", url: "/api/admin/v4/integrations" });
    expect(anonymous.statusCode).toBe(401);
    expect(stats().hits).toBe(kept);
  });

  it("refuses a credential another connection revoked on the very next request, though it was kept", async () => {
    const caller = await tokenCaller(t.database.db, callers.adminId, "revoked elsewhere");
    const list = () => call(t.app, caller, { method: "GET", url: "/api/admin/v4/integrations" });
    expect((await list()).statusCode).toBe(200);
    expect((await list()).statusCode).toBe(200);
    await worker.query("DELETE FROM api_tokens WHERE name = 'revoked elsewhere'");
    expect((await list()).statusCode).toBe(401);

    // A session ended elsewhere, and an admin demoted elsewhere.
    const session = await sessionCaller(t.database.db, callers.adminId, "ended elsewhere");
    const asSession = () => call(t.app, session, { method: "GET", url: "/api/admin/v4/integrations" });
    expect((await asSession()).statusCode).toBe(200);
    expect((await asSession()).statusCode).toBe(200);
    await worker.query("UPDATE app_users SET role = 'user' WHERE id = $1", [callers.adminId]);
    expect((await asSession()).statusCode).toBe(403);
    await worker.query("UPDATE app_users SET role = 'admin' WHERE id = $1", [callers.adminId]);
    expect((await asSession()).statusCode).toBe(200);
    await worker.query(
      "DELETE FROM sessions WHERE id = (SELECT id FROM sessions ORDER BY created_at DESC LIMIT 1)",
    );
    expect((await asSession()).statusCode).toBe(401);
  });

  it("forgets every kept page when its LISTEN connection is lost, and keeps pages again once it is back", async () => {
    await resources();
    const { connects, losses } = feed();
    const terminated = await worker.query<{ done: boolean }>(
      "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
      [CHANGE_FEED_APPLICATION],
    );
    expect(terminated.rows).toEqual([{ done: true }]);
    await until(() => feed().losses === losses + 1);
    // Nobody hears this change's notification: the page kept before must not be served after.
    await worker.query(
      `INSERT INTO resources (id, integration_id, type, external_id, name, tags, first_seen, last_seen)
       VALUES (gen_random_uuid(), $1, 'aws-account-s3-bucket', 'arn:aws:s3:::aaa-during-the-gap', 'aaa-during-the-gap', '{}', now(), now())`,
      [integrationId],
    );
    // Down or back, the list is read anew.
    expect((await resources()).json().data[0].name).toBe("aaa-during-the-gap");
    await until(() => feed().connects === connects + 1);
    expect(feed().live).toBe(true);
    await resources();
    const before = stats();
    expect((await resources()).json().data[0].name).toBe("aaa-during-the-gap");
    expect(stats().hits).toBe(before.hits + 1);
  });
});
