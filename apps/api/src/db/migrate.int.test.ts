import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { migrateDatabase } from "./migrate.ts";
import { readMigrationsList } from "./migrations.ts";
import { MIGRATIONS_DIR } from "./paths.ts";
import { compareSnapshots, executeScript, schemaCreationSql, snapshotSchema } from "./schema-drift.ts";
import { SCHEMA_EXTRAS, withSchemaExtras } from "./schema-extras.ts";

let database: TestDatabase | undefined;
let fromSchema: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  await fromSchema?.drop();
  database = fromSchema = undefined;
});

/**
 * Differences between the migrated database and one created straight from schema.prisma plus the
 * SCHEMA_EXTRAS (what the schema cannot express, made by hand-written migrations).
 */
async function driftFromSchema(migratedUrl: string): Promise<string[]> {
  fromSchema = await createTestDatabase({ empty: true });
  await executeScript(fromSchema.url, await schemaCreationSql(fromSchema.url));
  return compareSnapshots(
    await snapshotSchema(migratedUrl),
    withSchemaExtras(await snapshotSchema(fromSchema.url)),
  );
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("take an empty database exactly to prisma/schema.prisma", async () => {
    database = await createTestDatabase({ empty: true });
    await migrateDatabase(database.url);
    const snapshot = await snapshotSchema(database.url);
    // Every model is there as a table, with its columns, keys and enums.
    expect(snapshot).toContain("column integrations.name text not null default=-");
    expect(
      snapshot.some((fact) => fact.startsWith("enum IntegrationStatus: Initializing,Refreshing,Active")),
    ).toBe(true);
    expect(await driftFromSchema(database.url)).toEqual([]);
  });

  it("are caught disagreeing with the schema (the drift check can fail)", async () => {
    database = await createTestDatabase({ empty: true });
    await migrateDatabase(database.url);
    await query(
      database.url,
      "ALTER TABLE resources DROP COLUMN region; ALTER TABLE integrations ALTER COLUMN name DROP NOT NULL",
    );
    const drift = await driftFromSchema(database.url);
    expect(drift).toContain("+ column resources.region text null default=-");
    expect(drift).toContain("- column integrations.name text null default=-");
    expect(drift).toContain("+ column integrations.name text not null default=-");
  });

  it("hold the extras the schema cannot express: a missing one, or an unlisted one, is drift", async () => {
    database = await createTestDatabase({ empty: true });
    await migrateDatabase(database.url);
    const extra = SCHEMA_EXTRAS[0]!.fact;
    expect(await snapshotSchema(database.url)).toContain(extra);
    await query(
      database.url,
      "DROP INDEX integrations_name_lower_key; CREATE INDEX sync_runs_probe ON sync_runs (lower(trigger))",
    );
    const drift = await driftFromSchema(database.url);
    expect(drift).toContain(`+ ${extra}`);
    expect(drift).toContain(
      "- index CREATE INDEX sync_runs_probe ON public.sync_runs USING btree (lower(trigger))",
    );
  });

  it("rename integrations whose names differ only in case before the index is built", async () => {
    database = await createTestDatabase({ empty: true });
    const { migrationDirectories } = await readMigrationsList();
    const index = migrationDirectories.findIndex((m) => m.path.endsWith("_integration_name_ignoring_case"));
    expect(index).toBeGreaterThan(0);
    for (const migration of migrationDirectories.slice(0, index))
      await executeScript(database.url, migration.migrationFile.content.value);
    await query(
      database.url,
      `INSERT INTO integrations (id, name, type, connected_resource_types, integration_config, updated_at, created_at)
       VALUES ('00000000-0000-4000-8000-000000000001', 'UX Prod Account', 'aws-account', '{}', '{}', now(), now() - interval '1 hour'),
              ('00000000-0000-4000-8000-000000000002', 'ux prod account', 'aws-account', '{}', '{}', now(), now()),
              ('00000000-0000-4000-8000-000000000003', 'Other', 'aws-account', '{}', '{}', now(), now())`,
    );
    await executeScript(database.url, migrationDirectories[index]!.migrationFile.content.value);
    const rows = await query<{ name: string }>(database.url, "SELECT name FROM integrations ORDER BY id");
    expect(rows.map((row) => row.name)).toEqual(["UX Prod Account", "ux prod account-00000000", "Other"]);
  });

  it("keep _prisma_migrations as `prisma migrate deploy` does, and apply nothing twice", async () => {
    database = await createTestDatabase({ empty: true });
    const list = await readMigrationsList();
    expect(await migrateDatabase(database.url)).toEqual(list.migrationDirectories.map((m) => m.path));
    expect(await migrateDatabase(database.url)).toEqual([]);
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(
      database.url,
      "SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows).toHaveLength(list.migrationDirectories.length);
    for (const row of rows) {
      const sql = await readFile(join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("let processes that start together take turns", async () => {
    database = await createTestDatabase({ empty: true });
    const url = database.url;
    const results = await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
    expect(results.flat()).toHaveLength((await readMigrationsList()).migrationDirectories.length);
    const [{ count }] = (await query<{ count: string }>(url, "SELECT count(*) FROM _prisma_migrations")) as [
      { count: string },
    ];
    expect(Number(count)).toBe(results.flat().length);
  });

  it("leave a database the generated client can write and read for every model", async () => {
    database = await createTestDatabase();
    const { db } = database;
    const connector = await db.connector.create({
      data: { id: "aws-connector-t", name: "t", externalId: "x", region: "us-east-1" },
    });
    const integration = await db.integration.create({
      data: {
        name: "i",
        type: "aws-account",
        connectorId: connector.id,
        connectedResourceTypes: ["aws-account-iam-role"],
        integrationConfig: { region: "us-east-1" },
      },
    });
    const run = await db.syncRun.create({ data: { integrationId: integration.id, trigger: "initial" } });
    await db.syncScope.create({ data: { runId: run.id, key: "account" } });
    await db.resource.create({
      data: {
        integrationId: integration.id,
        type: "aws-account-iam-role",
        externalId: "arn:x",
        name: "r",
        tags: { a: "b" },
      },
    });
    const source = await db.identitySource.create({ data: { name: "Built-in", type: "built_in" } });
    const person = await db.identityPerson.create({
      data: { sourceId: source.id, userName: "a@b.c", userNameKey: "a@b.c", email: "a@b.c" },
    });
    const group = await db.identityGroup.create({
      data: { sourceId: source.id, displayName: "G", displayNameKey: "g" },
    });
    await db.identityGroupMember.create({ data: { personId: person.id, groupId: group.id } });
    const appUser = await db.appUser.create({ data: { email: "x@y.z", passwordHash: "h", role: "admin" } });
    await db.session.create({
      data: { id: "s", userId: appUser.id, csrfToken: "c", expiresAt: new Date(Date.now() + 1000) },
    });
    await db.apiToken.create({ data: { userId: appUser.id, name: "t", prefix: "pc_", tokenHash: "h" } });
    await db.auditLog.create({ data: { action: "test", targetType: "x" } });
    const loaded = await db.integration.findUniqueOrThrow({
      where: { id: integration.id },
      include: { resources: true, syncRuns: { include: { scopes: true } } },
    });
    expect(loaded.resources[0]?.tags).toEqual({ a: "b" });
    expect(loaded.syncRuns[0]?.scopes).toHaveLength(1);
    expect(await db.identityGroupMember.count()).toBe(1);
  });
});
