// B3's servers in a process of their own (the load generator runs in the parent): the real
// API (`buildApp`, as `pnpm start` builds it, without a job worker), the same API with its list
// cache off (every page read from the database: the cache-miss figures), and a bare Fastify with the
// ceilings: a trivial route (the machine's), and the API's resources page 1 and integrations
// list (limit=100) served from memory (what a response of that size costs with no database,
// auth or validation). Prints `LISTENING <app port> <bare port> <uncached app port>` once all listen.
import Fastify from "fastify";
import pino from "pino";
import { buildApp } from "../../src/app.ts";
import { ensureInitialAdmin } from "../../src/bootstrap/initial-admin.ts";
import { loadConfig } from "../../src/config.ts";
import { createPrisma } from "../../src/db/prisma.ts";
import { startQueue } from "../../src/jobs/pg-boss-queue.ts";

const databaseUrl = process.argv[2]!;
const token = process.argv[3]!;
const integrationId = process.argv[4]!;
const logger = pino({ level: "silent" });
const config = loadConfig({ LOG_LEVEL: "silent", DATABASE_URL: databaseUrl, ADMIN_API_TOKEN: token });
const db = createPrisma(databaseUrl);
const queue = await startQueue(databaseUrl, logger, { schedule: false });
await ensureInitialAdmin(db, config);
const app = await buildApp({ config, db, queue, logger });
await app.listen({ port: 0, host: "127.0.0.1" });
const uncached = await buildApp({ config, db, queue, logger, listCache: false });
await uncached.listen({ port: 0, host: "127.0.0.1" });

const bodyOf = async (url: string): Promise<unknown> =>
  (await app.inject({ url, headers: { authorization: `Bearer ${token}` } })).json();
const page1 = await bodyOf(`/api/v3/integrations/${integrationId}/resources`);
const integrations = await bodyOf("/api/admin/v4/integrations?limit=100");
const trivial = Fastify({ logger: false });
trivial.get("/", async () => ({ ok: true }));
trivial.get("/same-bytes/resources", async () => page1);
trivial.get("/same-bytes/integrations", async () => integrations);
await trivial.listen({ port: 0, host: "127.0.0.1" });

const portOf = (instance: { server: { address(): unknown } }) =>
  (instance.server.address() as { port: number }).port;
console.log(`LISTENING ${portOf(app)} ${portOf(trivial)} ${portOf(uncached)}`);

const stop = async () => {
  await trivial.close();
  await uncached.close();
  await app.close();
  await queue.stop();
  await db.$disconnect();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
