import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database.ts";
import { loadConfig } from "../config.ts";
import { DEMO_SOURCE } from "../core/directory-sources.ts";
import { createLogger } from "../lib/logger.ts";
import { startServer } from "../server.ts";
import { DEMO_USERS } from "./directory-seed.ts";

// The demo directory exists only while the AWS sandbox demo runs: a start with real AWS
// credentials (or SANDBOX=0) has no demo people, even where an earlier demo start left some.

let database: TestDatabase;
let dataDir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), "portcullis-demo-dir-"));
});
afterAll(async () => {
  process.env = savedEnv;
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function startWith(env: Record<string, string | undefined>) {
  process.env = { ...savedEnv, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    WORKER: "0",
    LOG_LEVEL: "silent",
  });
  const server = await startServer(config, createLogger("silent"));
  await server.shutdown.run();
  return server;
}

const demoPeople = () => database.db.identityPerson.count({ where: { sourceId: DEMO_SOURCE.id } });

describe("the demo directory at start", () => {
  it("is created with the sandbox demo, and gone after a start with AWS credentials or SANDBOX=0", async () => {
    const demo = await startWith({ SANDBOX: "1" });
    expect(demo.demo).not.toBeNull();
    expect(await database.db.identitySource.findUnique({ where: { id: DEMO_SOURCE.id } })).toMatchObject({
      name: "Demo directory",
      type: "demo",
    });
    expect(await demoPeople()).toBe(DEMO_USERS.length);

    const real = await startWith({
      SANDBOX: undefined,
      AWS_ENDPOINT_URL: undefined,
      AWS_ACCESS_KEY_ID: "AKIAEXAMPLEEXAMPLE01",
      AWS_SECRET_ACCESS_KEY: "not-a-real-secret",
    });
    expect(real.demo).toBeNull();
    expect(await database.db.identitySource.count({ where: { type: "demo" } })).toBe(0);
    expect(await database.db.identityPerson.count()).toBe(0);

    await startWith({ SANDBOX: "1" });
    expect(await demoPeople()).toBe(DEMO_USERS.length);
    await startWith({ SANDBOX: "0" });
    expect(await demoPeople()).toBe(0);
  });
});
