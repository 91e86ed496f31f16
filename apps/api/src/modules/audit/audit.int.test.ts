import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, setUpCallers } from "../../../test/fixtures.ts";
import { recordAudit } from "./audit.service.ts";
import { REDACTED } from "./redact.ts";

let t: TestApp;
let callers: Callers;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  for (let index = 0; index < 25; index += 1) {
    await recordAudit(t.database.db, {
      actor: { userId: callers.adminId, email: "admin@example.com" },
      requestId: `req-${index}`,
      action: index % 2 ? "connector.update" : "integration.update",
      targetType: index % 2 ? "connector" : "integration",
      targetId: `target-${index % 3}`,
      before: {
        name: `before ${index}`,
        password: "hunter2hunter2",
        nested: { api_token: "pc_secret", external_id: "visible" },
      },
      after: { name: `after ${index}`, token_hash: "abc", secret_store_config: null },
    });
  }
});
afterAll(() => t.close());

describe("GET /api/admin/audit-log", () => {
  it("pages newest first by keyset, with no entry twice or missing", async () => {
    const seen: string[] = [];
    let pageToken: string | null = null;
    do {
      const url: string = `/api/admin/audit-log?limit=7${pageToken ? `&page_token=${pageToken}` : ""}`;
      const response = await call(t.app, callers.admin, { method: "GET", url });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      seen.push(...body.items.map((entry: { id: string }) => entry.id));
      pageToken = body.pagination.next_page_token;
    } while (pageToken);
    const all = await t.database.db.auditLog.findMany({ orderBy: { id: "desc" } });
    expect(seen).toEqual(all.map((entry) => entry.id.toString()));
  });

  it("filters by target and action, and shows redacted secrets only", async () => {
    const response = await call(t.app, callers.admin, {
      method: "GET",
      url: "/api/admin/audit-log?target_type=connector&target_id=target-1&action=connector.update",
    });
    const { items } = response.json();
    expect(items.length).toBeGreaterThan(0);
    for (const entry of items) {
      expect(entry).toMatchObject({
        target_type: "connector",
        target_id: "target-1",
        action: "connector.update",
      });
      expect(entry.before).toMatchObject({
        password: REDACTED,
        nested: { api_token: REDACTED, external_id: "visible" },
      });
      expect(entry.after).toEqual({
        name: expect.any(String),
        token_hash: REDACTED,
        secret_store_config: null,
      });
    }
    expect(response.body).not.toContain("hunter2");
    expect(response.body).not.toContain("pc_secret");
  });

  it("rejects a page_token it did not issue", async () => {
    for (const token of ["garbage", Buffer.from('["99999999999999999999"]').toString("base64url")]) {
      const response = await call(t.app, callers.admin, {
        method: "GET",
        url: `/api/admin/audit-log?page_token=${token}`,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().issues[0].path).toBe("page_token");
    }
  });
});
