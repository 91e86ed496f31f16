import {
  CUSTOM_ACCESS_DETAILS_TOO_LONG,
  NAME_MESSAGES,
  OWNER_REQUIRED_MESSAGE,
  SECRET_STORE_NOT_SUPPORTED,
  SELECT_RESOURCE_TYPE_MESSAGE,
} from "@portcullis/shared";
import type { LightMyRequestResponse } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import {
  accountBody,
  type Callers,
  call,
  countRows,
  organizationBody,
  seedConnector,
  setUpCallers,
} from "../../../test/fixtures.ts";
import { DEMO_SOURCE } from "../../core/directory-sources.ts";
import { INTEGRATION_MESSAGES } from "./integration-rules.ts";

let t: TestApp;
let callers: Callers;
let connectorId: string;
let failAfterSend = false;

beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      // The app's queue can be told to fail right after writing the job, inside the transaction.
      wrapQueue: (queue) => ({
        ...queue,
        async send(name, payload, options) {
          const id = await queue.send(name, payload, options);
          if (failAfterSend) throw new Error("forced failure after the job was written");
          return id;
        },
      }),
    },
  );
  callers = await setUpCallers(t.database.db);
  connectorId = (await seedConnector(t.database.db)).id;
});
afterAll(() => t.close());

function create(payload: unknown) {
  return call(t.app, callers.admin, { method: "POST", url: "/api/admin/v4/integrations", payload });
}

function expectIssue(response: LightMyRequestResponse, status: number, path: string, message: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json().issues).toContainEqual({ path, message });
}

describe("POST /api/admin/v4/integrations", () => {
  it("creates an Amazon Account as Initializing, with its first fetch queued in the same transaction", async () => {
    const response = await create(
      accountBody(connectorId, {
        name: "  Prod Account  ",
        custom_access_details: "Use the\r\nprod profile.",
        owner: { attribute_type: "user", attribute_value: ["alice@portcullis.dev"] },
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const integration = response.json();
    expect(integration).toMatchObject({
      name: "Prod Account",
      type: "aws-account",
      category: "Cloud",
      connector_id: connectorId,
      status: "Initializing",
      last_sync_time: null,
      integration_config: { region: "us-east-1", profile: "apono" },
      connected_resource_types: ["aws-account-iam-role", "aws-account-s3-bucket"],
      custom_access_details: "Use the\nprod profile.",
      owner: {
        attribute_type: "user",
        attribute_value: ["alice@portcullis.dev"],
        source_integration_reference: null,
        // No reference: every identity source.
        source_integration_id: null,
        source_integration_name: null,
      },
      owners_mapping: null,
      portcullis: { status_message: null, sync: { state: "queued", scopes_total: 0 }, errors: [] },
    });

    const db = t.database.db;
    const row = await db.integration.findUniqueOrThrow({ where: { id: integration.id } });
    const run = await db.syncRun.findFirstOrThrow({ where: { integrationId: integration.id } });
    expect(run).toMatchObject({ trigger: "initial", state: "queued", jobId: expect.any(String) });
    expect(row.currentSyncRunId).toBe(run.id);
    expect(integration.portcullis.sync.run_id).toBe(run.id);
    const [job] = await db.$queryRaw<Array<{ name: string; state: string; data: unknown }>>`
      SELECT name, state::text AS state, data FROM pgboss.job WHERE id = ${run.jobId}::uuid`;
    expect(job).toEqual({
      name: "integration.sync",
      state: "created",
      data: { integrationId: integration.id, runId: run.id },
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "integration.create", targetId: integration.id },
    });
    expect(audit).toMatchObject({ actorId: callers.adminId, targetType: "integration" });
  });

  it("creates an Amazon Organization, normalising its settings", async () => {
    const response = await create(
      organizationBody(connectorId, {
        integration_config: {
          region: "eu-west-1",
          sso_region: "eu-west-1",
          sso_portal: "https://acme.awsapps.com/start",
          management_account_role_arn: "arn:aws:iam::123456789012:role/Mgmt",
          excluded_organization_unit_ids: " ou-ab12-12345678 , ou-ab12-12345678,ou-cd34-87654321 ",
          enable_audit: "true",
        },
        connected_resource_types: ["aws-organization-account", "aws-organization-permission-set"],
        owner: {
          attribute_type: "group",
          attribute_value: ["Platform"],
          source_integration_reference: "Demo directory",
        },
        owners_mapping: { key_name: "owner", attribute_type: "user" },
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      status: "Initializing",
      integration_config: {
        excluded_organization_unit_ids: "ou-ab12-12345678,ou-cd34-87654321",
        member_account_role_name: "OrganizationAccountAccessRole",
        enable_audit: "true",
      },
      owner: {
        attribute_type: "group",
        attribute_value: ["Platform"],
        source_integration_id: DEMO_SOURCE.id,
        source_integration_name: "Demo directory",
      },
      owners_mapping: { key_name: "owner", attribute_type: "user", source_integration_reference: null },
    });
  });

  describe("name", () => {
    it("is required, 1–100 letters, digits, spaces, - _ .", async () => {
      expectIssue(
        await create(accountBody(connectorId, { name: undefined })),
        400,
        "name",
        NAME_MESSAGES.required,
      );
      expectIssue(
        await create(accountBody(connectorId, { name: "   " })),
        400,
        "name",
        NAME_MESSAGES.required,
      );
      expectIssue(
        await create(accountBody(connectorId, { name: "a".repeat(101) })),
        400,
        "name",
        NAME_MESSAGES.tooLong,
      );
      expectIssue(
        await create(accountBody(connectorId, { name: "prod/eu" })),
        400,
        "name",
        NAME_MESSAGES.charset,
      );
      expectIssue(await create(accountBody(connectorId, { name: 42 })), 400, "name", NAME_MESSAGES.notText);
      const longest = await create(accountBody(connectorId, { name: `${"a".repeat(96)} -_.` }));
      expect(longest.statusCode).toBe(201);
    });

    it("is unique: 409 on the name field", async () => {
      expect((await create(accountBody(connectorId, { name: "Taken Name" }))).statusCode).toBe(201);
      const again = await create(accountBody(connectorId, { name: " Taken Name " }));
      expect(again.statusCode).toBe(409);
      expect(again.json().issues).toEqual([{ path: "name", message: INTEGRATION_MESSAGES.nameTaken }]);
    });

    it("is unique ignoring case, but '_' is a character, not a wildcard", async () => {
      expect((await create(accountBody(connectorId, { name: "UX Prod Account" }))).statusCode).toBe(201);
      const again = await create(accountBody(connectorId, { name: "ux prod account" }));
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: "INTEGRATION_NAME_TAKEN" });
      expect((await create(accountBody(connectorId, { name: "team_a" }))).statusCode).toBe(201);
      expect((await create(accountBody(connectorId, { name: "teamXa" }))).statusCode).toBe(201);
    });

    it("stays unique ignoring case under concurrent creates whose names differ only in case: one 201", async () => {
      const names = ["Case Race", "case race", "CASE RACE", "Case race", "cASE rACE", "case RACE"];
      const responses = await Promise.all(names.map((name) => create(accountBody(connectorId, { name }))));
      const statuses = responses.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(names.length - 1);
      for (const response of responses.filter((r) => r.statusCode === 409)) {
        expect(response.json()).toMatchObject({
          code: "INTEGRATION_NAME_TAKEN",
          issues: [{ path: "name", message: INTEGRATION_MESSAGES.nameTaken }],
        });
      }
    });

    it("turns the database's case-insensitive unique index into the same 409 when a create passes the check first", async () => {
      // Another writer's insert of "Held Name", not yet committed: the API's check cannot see it,
      // so its insert of "held name" waits on the index, and fails once the other commits.
      const other = new pg.Client({ connectionString: t.database.url });
      // Watches from outside the transaction: inside one, pg_stat_activity is a snapshot.
      const watcher = new pg.Client({ connectionString: t.database.url });
      await other.connect();
      await watcher.connect();
      try {
        const { rows } = await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        await other.query("BEGIN");
        // No connector: its foreign key would lock the connector row the API's check locks too.
        await other.query(
          `INSERT INTO integrations (id, name, type, connected_resource_types, integration_config, updated_at)
           VALUES (gen_random_uuid(), 'Held Name', 'aws-account', '{}', '{}', now())`,
        );
        // inject() starts on then(): make it run now.
        let answered = false;
        const pending = create(accountBody(connectorId, { name: "held name" })).then((response) => {
          answered = true;
          return response;
        });
        // Wait for the API's insert to be blocked behind the uncommitted row (a condition, not a delay).
        for (;;) {
          if (answered) throw new Error(`answered before waiting on the index: ${(await pending).body}`);
          const blocked = await watcher.query(
            "SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))",
            [rows[0]!.pid],
          );
          if (blocked.rowCount) break;
          await new Promise((resolve) => setImmediate(resolve));
        }
        await other.query("COMMIT");
        const response = await pending;
        expect(response.statusCode, response.body).toBe(409);
        expect(response.json()).toMatchObject({
          code: "INTEGRATION_NAME_TAKEN",
          issues: [{ path: "name", message: INTEGRATION_MESSAGES.nameTaken }],
        });
        const held = await other.query("SELECT name FROM integrations WHERE lower(name) = 'held name'");
        expect(held.rows).toEqual([{ name: "Held Name" }]);
      } finally {
        await other.end();
        await watcher.end();
      }
    });

    it("stays unique under 20 concurrent creates: one 201, nineteen 409", async () => {
      const before = await countRows(t.database.db);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => create(accountBody(connectorId, { name: "Race Condition" }))),
      );
      const statuses = responses.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      for (const response of responses.filter((r) => r.statusCode === 409)) {
        expect(response.json().issues).toEqual([{ path: "name", message: INTEGRATION_MESSAGES.nameTaken }]);
      }
      const after = await countRows(t.database.db);
      expect(after["public.integrations"]).toBe(before["public.integrations"]! + 1);
      expect(after["public.sync_runs"]).toBe(before["public.sync_runs"]! + 1);
      expect(after["pgboss.job"]).toBe(before["pgboss.job"]! + 1);
    });
  });

  describe("resource types", () => {
    it("need at least one, only of the integration's type, each once", async () => {
      expectIssue(
        await create(accountBody(connectorId, { connected_resource_types: [] })),
        400,
        "connected_resource_types",
        SELECT_RESOURCE_TYPE_MESSAGE,
      );
      const wrongType = await create(
        accountBody(connectorId, { connected_resource_types: ["aws-organization-account"] }),
      );
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().issues[0]).toEqual({
        path: "connected_resource_types",
        message: expect.stringContaining(
          '"aws-organization-account" is not a resource type of Amazon Account.',
        ),
      });
      const twice = await create(
        accountBody(connectorId, {
          connected_resource_types: ["aws-account-iam-role", "aws-account-iam-role"],
        }),
      );
      expect(twice.json().issues[0].message).toContain("Select each resource type only once");
    });
  });

  describe("connector", () => {
    it("must exist and be CONNECTED", async () => {
      expectIssue(
        await create(accountBody("aws-connector-missing")),
        400,
        "connector_id",
        'No connector "aws-connector-missing". Select one of your connectors.',
      );
      const down = await seedConnector(t.database.db, { status: "DISCONNECTED" });
      expectIssue(
        await create(accountBody(down.id)),
        400,
        "connector_id",
        `Connector "${down.id}" is DISCONNECTED. Check it (and fix its role if the check fails), or select a connected connector.`,
      );
      expectIssue(
        await create(accountBody(connectorId, { connector_id: "" })),
        400,
        "connector_id",
        "Select a connector.",
      );
    });
  });

  describe("integration_config", () => {
    it("requires each type's settings, checks formats and rejects unknown keys", async () => {
      const account = (config: Record<string, unknown>) =>
        create(accountBody(connectorId, { integration_config: config }));
      const organization = (config: Record<string, unknown>) =>
        create(
          organizationBody(connectorId, {
            integration_config: { ...organizationBody(connectorId).integration_config, ...config },
          }),
        );
      expectIssue(await account({}), 400, "integration_config.region", "Select a region.");
      expectIssue(
        await account({ region: "mars-1" }),
        400,
        "integration_config.region",
        '"mars-1" is not an AWS region. Select a region from the list, such as us-east-1.',
      );
      expectIssue(
        await account({ region: "us-east-1", color: "blue" }),
        400,
        "integration_config",
        'Remove the field "color": it is not part of the Amazon Account integration config.',
      );
      expectIssue(
        await account({ region: "us-east-1", credentials_rotation_period_in_days: "0" }),
        400,
        "integration_config.credentials_rotation_period_in_days",
        "Credential Rotation must be a whole number of days, 1 or more.",
      );
      expectIssue(
        await organization({ sso_portal: "http://acme.awsapps.com/start" }),
        400,
        "integration_config.sso_portal",
        "SSO Portal must be an https:// URL, for example https://my-org.awsapps.com/start.",
      );
      expectIssue(
        await organization({ management_account_role_arn: "arn:aws:iam::123:role/x" }),
        400,
        "integration_config.management_account_role_arn",
        "Management Account Role ARN must look like arn:aws:iam::123456789012:role/RoleName.",
      );
      expectIssue(
        await organization({ excluded_organization_unit_ids: "ou-ab12-12345678,r-root" }),
        400,
        "integration_config.excluded_organization_unit_ids",
        '"r-root" is not a valid organizational unit ID. Use IDs like ou-aaa1-11111111, separated by commas.',
      );
      expectIssue(
        await organization({ sso_region: undefined }),
        400,
        "integration_config.sso_region",
        "Select the AWS SSO region.",
      );
      expectIssue(
        await organization({ profile: "x" }),
        400,
        "integration_config",
        'Remove "profile": AWS Profile Name is only available for Amazon Account integrations.',
      );
    });
  });

  describe("custom_access_details", () => {
    it("counts characters as the user sees them, at most 400", async () => {
      const family = "👨‍👩‍👧‍👦";
      const accepted = await create(accountBody(connectorId, { custom_access_details: family.repeat(400) }));
      expect(accepted.statusCode).toBe(201);
      expectIssue(
        await create(accountBody(connectorId, { custom_access_details: "a".repeat(401) })),
        400,
        "custom_access_details",
        CUSTOM_ACCESS_DETAILS_TOO_LONG,
      );
      const blank = await create(accountBody(connectorId, { custom_access_details: "   " }));
      expect(blank.json().custom_access_details).toBeNull();
    });
  });

  describe("owner and owners_mapping", () => {
    const owner = (value: Record<string, unknown>) => create(accountBody(connectorId, { owner: value }));

    it("accepts users by email and groups by name or id from a known identity provider", async () => {
      expect(
        (
          await owner({
            attribute_type: "user",
            attribute_value: ["Bob@Portcullis.dev", "carol@portcullis.dev"],
          })
        ).statusCode,
      ).toBe(201);
      const group = await t.database.db.identityGroup.findFirstOrThrow({
        where: { displayName: "Security" },
      });
      const byId = await owner({
        attribute_type: "group",
        attribute_value: [group.id, "data"],
        source_integration_reference: DEMO_SOURCE.id,
      });
      expect(byId.statusCode, byId.body).toBe(201);
    });

    it("rejects unknown attribute types, providers and directory entries", async () => {
      expectIssue(
        await owner({ attribute_type: "role", attribute_value: ["x"] }),
        400,
        "owner.attribute_type",
        "Select an attribute: user or group.",
      );
      expectIssue(
        await owner({ attribute_type: "user", attribute_value: [] }),
        400,
        "owner.attribute_value",
        "Select at least one user or group.",
      );
      expectIssue(
        await owner({
          attribute_type: "user",
          attribute_value: ["alice@portcullis.dev"],
          source_integration_reference: "okta",
        }),
        400,
        "owner.source_integration_reference",
        'No identity source "okta". Use the id or name of one of: Demo directory.',
      );
      expectIssue(
        await owner({
          attribute_type: "user",
          attribute_value: ["alice@portcullis.dev", "zed@portcullis.dev"],
        }),
        400,
        "owner.attribute_value",
        '"zed@portcullis.dev" is not a user of the directory. Select users from the directory.',
      );
      expectIssue(
        await owner({ attribute_type: "group", attribute_value: ["Ghosts", "alice@portcullis.dev"] }),
        400,
        "owner.attribute_value",
        '"Ghosts", "alice@portcullis.dev" are not groups of the directory. Select groups from the directory.',
      );
      // LIKE wildcards in a value are plain characters.
      expectIssue(
        await owner({ attribute_type: "group", attribute_value: ["Dat_"] }),
        400,
        "owner.attribute_value",
        '"Dat_" is not a group of the directory. Select groups from the directory.',
      );
    });

    it("needs an integration owner when a resource owner is defined", async () => {
      const mapping = { key_name: "owner", attribute_type: "group" };
      expectIssue(
        await create(accountBody(connectorId, { owners_mapping: mapping })),
        400,
        "owner",
        OWNER_REQUIRED_MESSAGE,
      );
      expectIssue(
        await create(
          accountBody(connectorId, {
            owners_mapping: { ...mapping, source_integration_reference: "nope" },
            owner: { attribute_type: "user", attribute_value: ["alice@portcullis.dev"] },
          }),
        ),
        400,
        "owners_mapping.source_integration_reference",
        'No identity source "nope". Use the id or name of one of: Demo directory.',
      );
      expectIssue(
        await create(accountBody(connectorId, { owners_mapping: { attribute_type: "group" }, owner: null })),
        400,
        "owners_mapping.key_name",
        "Enter the tag key that names the resource owner.",
      );
    });
  });

  describe("malformed bodies", () => {
    it("are a 400 naming the problem, and write nothing", async () => {
      const before = await countRows(t.database.db);
      expectIssue(
        await create({ ...accountBody(connectorId), status: "Active" }),
        400,
        "",
        'Remove "status": it is set by the server.',
      );
      expectIssue(
        await create({ ...accountBody(connectorId), secret_store_config: { aws: {} } }),
        400,
        "secret_store_config",
        SECRET_STORE_NOT_SUPPORTED,
      );
      expectIssue(
        await create({ ...accountBody(connectorId), type: "gcp" }),
        400,
        "type",
        'Choose an integration type: "aws-account" or "aws-organization".',
      );
      const badJson = await t.app.inject({
        method: "POST",
        url: "/api/admin/v4/integrations",
        headers: { ...callers.admin.headers, "content-type": "application/json" },
        payload: '{"name": "x",',
      });
      expect(badJson.statusCode).toBe(400);
      const huge = await create(accountBody(connectorId, { name: "x".repeat(300_000) }));
      expect(huge.statusCode).toBe(413);
      expect(await countRows(t.database.db)).toEqual(before);
    });
  });

  describe("atomicity", () => {
    it("leaves no integration, run, job or audit entry when the transaction fails after the job was written", async () => {
      const before = await countRows(t.database.db);
      failAfterSend = true;
      try {
        const response = await create(accountBody(connectorId, { name: "Doomed" }));
        expect(response.statusCode).toBe(500);
        expect(response.json().message).toBe(
          "Something went wrong on our side. The request id is in the log.",
        );
      } finally {
        failAfterSend = false;
      }
      expect(await countRows(t.database.db)).toEqual(before);
      expect(await t.database.db.integration.count({ where: { name: "Doomed" } })).toBe(0);
    });
  });
});
