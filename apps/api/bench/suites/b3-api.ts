import { randomBytes } from "node:crypto";
import autocannon, { type Result } from "autocannon";
import pg from "pg";
import { encodePageToken } from "../../src/modules/common/page-token.ts";
import { RESOURCE_PAGE_SQL, resourcePageParams } from "../../src/modules/resources/resource.repository.ts";
import { spawnNode, waitForOutput } from "../lib/processes.ts";

export type LoadTarget = "trivial" | "same-bytes" | "integrations" | "page1" | "deep";

export type LoadFigure = {
  key: LoadTarget;
  name: string;
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** Average size of a response (body and headers). */
  bytesPerResponse: number;
};

export type ApiResult = {
  integrations: number;
  resources: number;
  connections: number;
  durationSeconds: number;
  deepOffset: number;
  figures: LoadFigure[];
  /** EXPLAIN ANALYZE of the resources page statement, page 1 and deep (evidence for the notes). */
  plans: { page1: string; deep: string };
};

const CONNECTIONS = 10;

async function seedIntegrations(databaseUrl: string, total: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM integrations");
    const missing = total - (rows[0]?.n ?? 0);
    if (missing > 0) {
      await client.query(
        `INSERT INTO integrations (id, name, type, status, connected_resource_types, integration_config, updated_at, created_at)
         SELECT gen_random_uuid(), 'bench-account-' || lpad(n::text, 5, '0'), 'aws-account', 'Active',
                ARRAY['aws-account-iam-role', 'aws-account-s3-bucket'],
                jsonb_build_object('region', 'us-east-1', 'profile', 'apono'),
                now(), now() - make_interval(secs => n)
         FROM generate_series(1, $1::int) AS n`,
        [missing],
      );
    }
    // As autovacuum would soon after B2's re-sync left a dead version of every row behind.
    await client.query("VACUUM ANALYZE");
    return total;
  } finally {
    await client.end();
  }
}

async function explain(databaseUrl: string, integrationId: string, deepOffset: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; id: string }>(
      "SELECT name, id::text AS id FROM resources WHERE integration_id = $1 ORDER BY name, id OFFSET $2 LIMIT 1",
      [integrationId, deepOffset],
    );
    const after = rows[0]!;
    const plan = async (sql: string, values: unknown[]) =>
      (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values)).rows
        .map((row: Record<string, string>) => row["QUERY PLAN"])
        .join("\n");
    // The API's own statement for a page (rows and total), at page 1 and after the cursor.
    return {
      after,
      plans: {
        page1: await plan(RESOURCE_PAGE_SQL, resourcePageParams({ integrationId, take: 101 })),
        deep: await plan(RESOURCE_PAGE_SQL, resourcePageParams({ integrationId, after, take: 101 })),
      },
    };
  } finally {
    await client.end();
  }
}

async function load(url: string, token: string | null, seconds: number): Promise<Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/**
 * B3: the API under autocannon, measured back to back in one process of its own: a trivial
 * Fastify route (the ceiling of this machine with this load generator), the admin integrations
 * list, and an integration's resources at page 1 and at a deep page (keyset `page_token`).
 */
export async function runApi(options: {
  databaseUrl: string;
  integrationId: string;
  resources: number;
  integrations: number;
  seconds: number;
  warmupSeconds: number;
}): Promise<ApiResult> {
  const { databaseUrl, integrationId } = options;
  await seedIntegrations(databaseUrl, options.integrations);
  const deepOffset = Math.floor(options.resources * 0.9);
  const { after, plans } = await explain(databaseUrl, integrationId, deepOffset);
  const token = `bench_${randomBytes(24).toString("hex")}`;
  // BENCH_PROFILE_DIR=<dir> writes the API process's CPU profile there (evidence for the notes).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const server = spawnNode("apps/api/bench/lib/api-server.ts", {
    args: [databaseUrl, token, integrationId],
    nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  });
  try {
    await waitForOutput(server, /LISTENING \d+ \d+/);
    const [, appPort, trivialPort] = /LISTENING (\d+) (\d+)/.exec(server.output())!;
    const app = `http://127.0.0.1:${appPort}`;
    const targets: Array<{ key: LoadTarget; name: string; path: string; url: string; auth: boolean }> = [
      {
        key: "trivial",
        name: "trivial Fastify route",
        path: "/",
        url: `http://127.0.0.1:${trivialPort}/`,
        auth: false,
      },
      {
        key: "same-bytes",
        name: "bare Fastify serving resources page 1 from memory",
        path: "/same-bytes",
        url: `http://127.0.0.1:${trivialPort}/same-bytes`,
        auth: false,
      },
      {
        key: "integrations",
        name: "integrations list (limit=100)",
        path: "/api/admin/v4/integrations?limit=100",
        url: `${app}/api/admin/v4/integrations?limit=100`,
        auth: true,
      },
      {
        key: "page1",
        name: "resources, page 1",
        path: "/api/v3/integrations/{id}/resources",
        url: `${app}/api/v3/integrations/${integrationId}/resources`,
        auth: true,
      },
      {
        key: "deep",
        name: `resources, deep page (after row ${deepOffset.toLocaleString("en-US")})`,
        path: "/api/v3/integrations/{id}/resources?page_token=…",
        url: `${app}/api/v3/integrations/${integrationId}/resources?page_token=${encodePageToken([after.name, after.id])}`,
        auth: true,
      },
    ];
    const figures: LoadFigure[] = [];
    for (const target of targets) {
      const auth = target.auth ? token : null;
      // A check that the route answers as intended, then a warm-up (JIT, pools), then the run.
      const check = await fetch(target.url, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
      if (!check.ok) throw new Error(`${target.url} answered ${check.status}: ${await check.text()}`);
      await load(target.url, auth, options.warmupSeconds);
      const result = await load(target.url, auth, options.seconds);
      figures.push({
        key: target.key,
        name: target.name,
        path: target.path,
        requestsPerSecond: result.requests.total / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        requests: result.requests.total,
        bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
      });
    }
    return {
      integrations: options.integrations,
      resources: options.resources,
      connections: CONNECTIONS,
      durationSeconds: options.seconds,
      deepOffset,
      figures,
      plans,
    };
  } finally {
    await server.stop();
  }
}
