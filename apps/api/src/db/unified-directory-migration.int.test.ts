import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { DEMO_SOURCE } from "../core/directory-sources.ts";
import { readMigrationsList } from "./migrations.ts";
import { executeScript } from "./schema-drift.ts";

const MIGRATION = "20261202072624_unified_directory";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe(`migration ${MIGRATION}`, () => {
  it("moves the old directory into identity sources and keeps integrations' owner references meaningful", async () => {
    database = await createTestDatabase({ empty: true });
    const { migrationDirectories } = await readMigrationsList();
    const index = migrationDirectories.findIndex((m) => m.path === MIGRATION);
    expect(index).toBeGreaterThan(0);
    for (const migration of migrationDirectories.slice(0, index)) {
      await executeScript(database.url, migration.migrationFile.content.value);
    }
    // The old directory as a deployment has it: the built-in demo provider and one other.
    await executeScript(
      database.url,
      `INSERT INTO identity_providers (id, name, type) VALUES
         ('portcullis-directory', 'Portcullis Directory', 'builtin'), ('okta', 'Okta', 'okta');
       INSERT INTO directory_users (id, provider_id, email, name) VALUES
         ('11111111-1111-4111-8111-111111111111', 'portcullis-directory', 'Alice@portcullis.dev', 'Alice Martin'),
         ('22222222-2222-4222-8222-222222222222', 'okta', 'bob@corp.example', 'Bob');
       INSERT INTO directory_groups (id, provider_id, name) VALUES
         ('33333333-3333-4333-8333-333333333333', 'portcullis-directory', 'Platform');
       INSERT INTO directory_memberships (user_id, group_id) VALUES
         ('11111111-1111-4111-8111-111111111111', '33333333-3333-4333-8333-333333333333');
       INSERT INTO integrations (id, name, type, integration_config, owner, owners_mapping, updated_at) VALUES
         ('44444444-4444-4444-8444-444444444444', 'a', 'aws-account', '{}',
          '{"attribute_type":"user","attribute_value":["11111111-1111-4111-8111-111111111111"],"source_integration_reference":"portcullis-directory"}',
          '{"key_name":"owner","attribute_type":"user","source_integration_reference":"OKTA"}', now()),
         ('55555555-5555-4555-8555-555555555555', 'b', 'aws-account', '{}',
          '{"attribute_type":"group","attribute_value":["Platform"],"source_integration_reference":null}', null, now());`,
    );
    await executeScript(database.url, migrationDirectories[index]!.migrationFile.content.value);

    const db = database.db;
    const sources = await db.identitySource.findMany({ orderBy: { name: "asc" } });
    expect(sources.map((s) => [s.name, s.type])).toEqual([
      ["Demo directory", "demo"],
      ["Okta", "built_in"],
    ]);
    expect(sources[0]?.id).toBe(DEMO_SOURCE.id);
    const okta = sources[1]!;
    const alice = await db.identityPerson.findUniqueOrThrow({
      where: { id: "11111111-1111-4111-8111-111111111111" },
    });
    expect(alice).toMatchObject({
      sourceId: DEMO_SOURCE.id,
      email: "alice@portcullis.dev",
      userName: "Alice@portcullis.dev",
      displayName: "Alice Martin",
      active: true,
    });
    expect(await db.identityGroupMember.count()).toBe(1);
    const [a, b] = await db.integration.findMany({ orderBy: { name: "asc" } });
    expect(a?.owner).toMatchObject({
      attribute_value: ["11111111-1111-4111-8111-111111111111"],
      source_integration_reference: DEMO_SOURCE.id,
    });
    expect(a?.ownersMapping).toMatchObject({ source_integration_reference: okta.id });
    expect(b?.owner).toMatchObject({ attribute_value: ["Platform"], source_integration_reference: null });
  });
});
