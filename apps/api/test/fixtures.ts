import type { TCreateIntegrationInput } from "@portcullis/shared";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { ensureDirectorySeed } from "../src/bootstrap/directory-seed.ts";
import type { Db } from "../src/db/prisma.ts";
import { hashPassword } from "../src/lib/password.ts";
import { generateApiToken, randomToken, sha256 } from "../src/lib/tokens.ts";
import { sessionRepository } from "../src/modules/auth/session.repository.ts";
import { sessionService } from "../src/modules/auth/session.service.ts";
import { SESSION_COOKIE } from "../src/modules/auth/session-cookie.ts";

export const TEST_PASSWORD = "correct horse battery staple";

let passwordHash: Promise<string> | undefined;
/** One scrypt hash of TEST_PASSWORD per test file: hashing is deliberately slow. */
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

export async function createAccount(db: Db, email: string, role: "admin" | "user") {
  return db.appUser.create({ data: { email, role, passwordHash: await testPasswordHash() } });
}

/** Headers of a caller; writes made with a session also carry its CSRF token. */
export type Caller = { name: string; headers: Record<string, string>; userId: string | null };

/** A session straight in the database (no password hashing): cookie and CSRF token. */
export async function sessionCaller(db: Db, userId: string, name = "session"): Promise<Caller> {
  const session = await sessionService(sessionRepository(db)).create(userId);
  return {
    name,
    userId,
    headers: { cookie: `${SESSION_COOKIE}=${session.token}`, "x-csrf-token": session.csrfToken },
  };
}

/** A personal API token straight in the database. */
export async function tokenCaller(db: Db, userId: string, name = "token"): Promise<Caller> {
  const token = generateApiToken();
  await db.apiToken.create({ data: { userId, name, prefix: token.slice(0, 9), tokenHash: sha256(token) } });
  return { name, userId, headers: { authorization: `Bearer ${token}` } };
}

export const anonymous: Caller = { name: "anonymous", headers: {}, userId: null };

export type Callers = {
  admin: Caller;
  adminToken: Caller;
  user: Caller;
  userToken: Caller;
  adminId: string;
  userId: string;
};

/** An admin and a user, each with a session and a token; also seeds the demo directory. */
export async function setUpCallers(db: Db): Promise<Callers> {
  await ensureDirectorySeed(db);
  const suffix = randomToken(4)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x");
  const admin = await createAccount(db, `admin-${suffix}@example.com`, "admin");
  const user = await createAccount(db, `user-${suffix}@example.com`, "user");
  return {
    admin: await sessionCaller(db, admin.id, "admin session"),
    adminToken: await tokenCaller(db, admin.id, "admin token"),
    user: await sessionCaller(db, user.id, "user session"),
    userToken: await tokenCaller(db, user.id, "user token"),
    adminId: admin.id,
    userId: user.id,
  };
}

/** `app.inject` as a caller. */
export function call(
  app: FastifyInstance,
  caller: Caller,
  options: {
    method: InjectOptions["method"];
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  },
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: options.method,
    url: options.url,
    headers: { ...caller.headers, ...options.headers },
    ...(options.payload !== undefined ? { payload: options.payload as InjectOptions["payload"] } : {}),
  });
}

export async function seedConnector(
  db: Db,
  options: { id?: string; name?: string; status?: "CONNECTED" | "DISCONNECTED" } = {},
) {
  const id =
    options.id ??
    `aws-connector-${randomToken(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`;
  return db.connector.create({
    data: {
      id,
      name: options.name ?? id,
      region: "us-east-1",
      externalId: randomToken(24),
      status: options.status ?? "CONNECTED",
      awsAccountId: "111122223333",
      lastConnected: new Date(),
    },
  });
}

export function accountBody(
  connectorId: string,
  overrides: Record<string, unknown> = {},
): TCreateIntegrationInput {
  return {
    type: "aws-account",
    name: `Account ${randomToken(6).replace(/[^A-Za-z0-9]/g, "x")}`,
    connector_id: connectorId,
    integration_config: { region: "us-east-1" },
    connected_resource_types: ["aws-account-iam-role", "aws-account-s3-bucket"],
    ...overrides,
  } as TCreateIntegrationInput;
}

export function organizationBody(
  connectorId: string,
  overrides: Record<string, unknown> = {},
): TCreateIntegrationInput {
  return {
    type: "aws-organization",
    name: `Org ${randomToken(6).replace(/[^A-Za-z0-9]/g, "x")}`,
    connector_id: connectorId,
    integration_config: {
      region: "us-east-1",
      sso_region: "us-east-1",
      sso_portal: "https://my-org.awsapps.com/start",
      management_account_role_arn: "arn:aws:iam::123456789012:role/PortcullisManagement",
    },
    connected_resource_types: ["aws-organization-account"],
    ...overrides,
  } as TCreateIntegrationInput;
}

/** Discovered resources straight in the database (the discovery code writes them for real). */
export async function seedResources(
  db: Db,
  integrationId: string,
  count: number,
  type = "aws-account-s3-bucket",
) {
  await db.resource.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      integrationId,
      type,
      externalId: `arn:aws:s3:::bucket-${String(index).padStart(4, "0")}-${randomToken(3)}`,
      name: `bucket-${String(index).padStart(4, "0")}`,
      accountId: "111122223333",
      region: "us-east-1",
      tags: { owner: "alice@portcullis.dev" },
    })),
  });
}

/** Row counts of every table, pg-boss jobs included: equal before and after means nothing was written. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<Array<{ name: string }>>`
    SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'pgboss') ORDER BY 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM ${name}`,
    );
    counts[name] = row?.count ?? 0;
  }
  return counts;
}

/** Contents of the tables a write could change (sessions and tokens change on every use). */
export async function snapshotContents(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<Array<{ digest: string }>>`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(i::text, ',' ORDER BY id) FROM integrations i),
      (SELECT string_agg(c::text, ',' ORDER BY id) FROM connectors c),
      (SELECT string_agg(u::text, ',' ORDER BY id) FROM app_users u),
      (SELECT string_agg(r::text, ',' ORDER BY id) FROM sync_runs r),
      (SELECT string_agg(a::text, ',' ORDER BY id) FROM audit_log a)
    )) AS digest`;
  return row?.digest ?? "";
}
