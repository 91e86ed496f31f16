import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import autocannon, { type Result } from "autocannon";
import pg from "pg";
import { encodePageToken } from "../../src/modules/common/page-token.ts";
import { RESOURCE_PAGE_SQL, resourcePageParams } from "../../src/modules/resources/resource.repository.ts";
import { cpuSecondsOf, spawnNode, waitForOutput } from "../lib/processes.ts";

export type LoadTarget =
  | "trivial"
  | "same-bytes-resources"
  | "same-bytes-integrations"
  | "integrations"
  | "page1"
  | "deep"
  | "integrations-uncached"
  | "page1-uncached"
  | "deep-uncached";

export type LoadFigure = {
  key: LoadTarget;
  name: string;
  path: string;
  /** For a list: the bare route serving its bytes from memory, its ceiling. */
  ceiling?: LoadTarget;
  /** For a list: false when served by the API with its list cache off (every page read). */
  cached?: boolean;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** Average size of a response (body and headers). */
  bytesPerResponse: number;
  /**
   * CPU per response, from /proc (null where there is none): the API's process (the bare routes
   * run in it too) and its database's backends. Unlike req/s it hardly moves with the host's
   * load, so it compares two versions of a route on a busy machine.
   */
  cpuMsPerRequest: { api: number; postgres: number } | null;
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
  /** The host's 1-minute load average when the measured slices began and ended. */
  loadAverage: { before: number; after: number };
};

const CONNECTIONS = 10;
/** Slices per route, taken in turn (see runApi). */
const ROUNDS = 2;

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

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A slice of load, with the time of every response (autocannon reports only percentiles). */
type Slice = { result: Result; latenciesMs: number[]; cpu: { api: number; postgres: number } | null };

/** The backends of the database's other connections: the API's pool, once warmed up. */
async function backendPids(databaseUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/** CPU seconds so far of the API's process and of each backend (null without /proc). */
function cpuNow(
  apiPid: number,
  postgresPids: readonly number[],
): { api: number; postgres: Map<number, number> } | null {
  const api = cpuSecondsOf(apiPid);
  if (api === null) return null;
  return { api, postgres: new Map(postgresPids.map((pid) => [pid, cpuSecondsOf(pid) ?? 0])) };
}

/**
 * A slice of load with the CPU it cost the API and PostgreSQL. The backends are listed before
 * and after the slice: the pools open and close connections (an idle pool closes them after
 * 10 s, and a route whose pages are kept leaves it idle), and a backend that started during the
 * slice counts from zero.
 */
async function measuredLoad(
  url: string,
  token: string | null,
  seconds: number,
  pids: { api: number; databaseUrl: string },
): Promise<Slice> {
  const before = cpuNow(pids.api, await backendPids(pids.databaseUrl));
  const slice = await load(url, token, seconds);
  const after = cpuNow(pids.api, await backendPids(pids.databaseUrl));
  const cpu =
    before && after
      ? {
          api: after.api - before.api,
          postgres: [...after.postgres].reduce(
            (sum, [pid, seconds]) => sum + seconds - (before.postgres.get(pid) ?? 0),
            0,
          ),
        }
      : null;
  return { ...slice, cpu };
}

async function load(url: string, token: string | null, seconds: number): Promise<Slice> {
  const latenciesMs: number[] = [];
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  }).on("response", (_client, _status, _bytes, responseTimeMs) => latenciesMs.push(responseTimeMs));
  return { result, latenciesMs, cpu: null };
}

/** The nearest-rank percentile `p` (0–100) of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One figure from a route's slices: requests, bytes and response times over all of them. */
function combined(
  target: { key: LoadTarget; name: string; path: string; ceiling?: LoadTarget; cached?: boolean },
  slices: readonly Slice[],
): LoadFigure {
  const results = slices.map((slice) => slice.result);
  const sum = (pick: (result: Result) => number) => results.reduce((total, r) => total + pick(r), 0);
  const requests = sum((r) => r.requests.total);
  const latencies = slices.flatMap((slice) => slice.latenciesMs).sort((a, b) => a - b);
  const cpus = slices.map((slice) => slice.cpu);
  const perRequest = (seconds: number) => Math.round(((seconds * 1000) / Math.max(1, requests)) * 100) / 100;
  const cpuMsPerRequest = cpus.every((cpu) => cpu !== null)
    ? {
        api: perRequest(cpus.reduce((sum, cpu) => sum + cpu.api, 0)),
        postgres: perRequest(cpus.reduce((sum, cpu) => sum + cpu.postgres, 0)),
      }
    : null;
  return {
    key: target.key,
    name: target.name,
    path: target.path,
    ...(target.ceiling ? { ceiling: target.ceiling } : {}),
    ...(target.cached !== undefined ? { cached: target.cached } : {}),
    requestsPerSecond: requests / sum((r) => r.duration),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors: sum((r) => r.errors + r.timeouts),
    non2xx: sum((r) => r.non2xx),
    requests,
    bytesPerResponse: Math.round(sum((r) => r.throughput.total) / Math.max(1, requests)),
    cpuMsPerRequest,
  };
}

/**
 * B3: the API under autocannon, in one process of its own, the routes measured in turn: a trivial
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
    await waitForOutput(server, /LISTENING \d+ \d+ \d+/);
    const [, appPort, trivialPort, uncachedPort] = /LISTENING (\d+) (\d+) (\d+)/.exec(server.output())!;
    const app = `http://127.0.0.1:${appPort}`;
    const uncachedApp = `http://127.0.0.1:${uncachedPort}`;
    // `share`: of the seconds (and warm-up) each route gets. The bare-Fastify ceilings are only
    // compared with, and take less of the run's 10 minutes. `ceiling`: the bare route serving a
    // list's bytes, its throughput goal's reference.
    const targets: Array<{
      key: LoadTarget;
      name: string;
      path: string;
      url: string;
      auth: boolean;
      share?: number;
      ceiling?: LoadTarget;
      cached?: boolean;
    }> = [
      {
        key: "trivial",
        name: "trivial Fastify route",
        path: "/",
        url: `http://127.0.0.1:${trivialPort}/`,
        auth: false,
      },
      {
        key: "same-bytes-integrations",
        name: "bare Fastify serving the integrations list from memory",
        path: "/same-bytes/integrations",
        url: `http://127.0.0.1:${trivialPort}/same-bytes/integrations`,
        auth: false,
        share: 0.4,
      },
      {
        key: "same-bytes-resources",
        name: "bare Fastify serving resources page 1 from memory",
        path: "/same-bytes/resources",
        url: `http://127.0.0.1:${trivialPort}/same-bytes/resources`,
        auth: false,
        share: 0.4,
      },
      ...[true, false].flatMap((cached) => {
        // The API as it runs (its list cache on: after a slice's first request, with the data
        // unchanged, every page is kept bytes) and with the cache off (every page read: a miss).
        const base = cached ? app : uncachedApp;
        const suffix = cached ? "" : "-uncached";
        const label = cached ? "" : ", cache off (every page read)";
        return [
          {
            key: `integrations${suffix}` as LoadTarget,
            name: `integrations list (limit=100)${label}`,
            path: "/api/admin/v4/integrations?limit=100",
            url: `${base}/api/admin/v4/integrations?limit=100`,
            auth: true,
            ceiling: "same-bytes-integrations" as const,
            cached,
          },
          {
            key: `page1${suffix}` as LoadTarget,
            name: `resources, page 1${label}`,
            path: "/api/v3/integrations/{id}/resources",
            url: `${base}/api/v3/integrations/${integrationId}/resources`,
            auth: true,
            ceiling: "same-bytes-resources" as const,
            cached,
          },
          {
            key: `deep${suffix}` as LoadTarget,
            name: `resources, deep page (after row ${deepOffset.toLocaleString("en-US")})${label}`,
            path: "/api/v3/integrations/{id}/resources?page_token=…",
            url: `${base}/api/v3/integrations/${integrationId}/resources?page_token=${encodePageToken([after.name, after.id])}`,
            auth: true,
            ceiling: "same-bytes-resources" as const,
            cached,
          },
        ];
      }),
    ];
    for (const target of targets) {
      const auth = target.auth ? token : null;
      // A check that the route answers as intended, then a warm-up (JIT, pools).
      const check = await fetch(target.url, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
      if (!check.ok) throw new Error(`${target.url} answered ${check.status}: ${await check.text()}`);
      await load(target.url, auth, options.warmupSeconds * (target.share ?? 1));
    }
    // The goals compare routes with each other (a share of the trivial route, deep page vs page
    // 1), and this shared host drifts by tens of percent within a minute: each route is measured
    // in ROUNDS slices taken in turn (A B C … A B C …), so a slow stretch lands on all of them.
    const pids = { api: server.pid, databaseUrl };
    const slices = new Map<LoadTarget, Slice[]>(targets.map((target) => [target.key, []]));
    const loadBefore = loadavg()[0]!;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const target of targets) {
        slices
          .get(target.key)!
          .push(
            await measuredLoad(
              target.url,
              target.auth ? token : null,
              (options.seconds * (target.share ?? 1)) / ROUNDS,
              pids,
            ),
          );
      }
    }
    const figures = targets.map((target) => combined(target, slices.get(target.key)!));
    return {
      integrations: options.integrations,
      resources: options.resources,
      connections: CONNECTIONS,
      durationSeconds: options.seconds,
      deepOffset,
      figures,
      plans,
      loadAverage: { before: round2(loadBefore), after: round2(loadavg()[0]!) },
    };
  } finally {
    await server.stop();
  }
}
