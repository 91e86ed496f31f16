import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { type Callers, call, organizationBody, seedConnector, setUpCallers } from "../../../test/fixtures.ts";

// The IAM Identity Center source an organization's fetch fills (see discovery/directory/) is named
// after the integration: a rename through the API renames it at once.

let t: TestApp;
let callers: Callers;
let connectorId: string;

beforeAll(async () => {
  t = await createTestApp();
  callers = await setUpCallers(t.database.db);
  connectorId = (await seedConnector(t.database.db)).id;
});
afterAll(() => t.close());

async function createOrganization(name: string): Promise<{ id: string }> {
  const response = await call(t.app, callers.admin, {
    method: "POST",
    url: "/api/admin/v4/integrations",
    payload: organizationBody(connectorId, { name }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

function rename(id: string, name: string) {
  const { type: _type, ...body } = organizationBody(connectorId, { name });
  return call(t.app, callers.admin, {
    method: "PUT",
    url: `/api/admin/v4/integrations/${id}`,
    payload: body,
  });
}

describe("an organization integration's IAM Identity Center source", () => {
  it("is renamed with the integration, and takes a suffix when another source has the name", async () => {
    const created = await createOrganization("Acme org");
    const source = await t.database.db.identitySource.create({
      data: { name: "Acme org", type: "iam_identity_center", integrationId: created.id },
    });

    expect((await rename(created.id, "Acme AWS")).statusCode).toBe(200);
    expect((await t.database.db.identitySource.findUniqueOrThrow({ where: { id: source.id } })).name).toBe(
      "Acme AWS",
    );

    await t.database.db.identitySource.create({ data: { name: "Okta", type: "scim" } });
    expect((await rename(created.id, "Okta")).statusCode).toBe(200);
    expect((await t.database.db.identitySource.findUniqueOrThrow({ where: { id: source.id } })).name).toBe(
      "Okta (IAM Identity Center)",
    );
  });
});
