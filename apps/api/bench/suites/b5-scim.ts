import { randomBytes } from "node:crypto";
import { Agent, request as httpRequest } from "node:http";
import { loadavg } from "node:os";
import pg from "pg";
import { PEOPLE_FILTER_ATTRIBUTES } from "../../src/modules/identity-sources/people.repository.ts";
import { USER_SCHEMA } from "../../src/modules/scim/scim-constants.ts";
import { compileFilter, parseFilter } from "../../src/modules/scim/scim-filter-sql.ts";
import { cpuSecondsOf, spawnNode, waitForOutput } from "../lib/processes.ts";

/** How an IdP provisions: one request per user or group, over this many keep-alive connections. */
export const B5_CONNECTIONS = 4;
const PAGE_SIZE = 100;
/** Passes over the whole listing: each page's figure is its fastest pass (the host's pauses drop out). */
const LISTING_PASSES = 3;
const MEMBERS_PER_PATCH = 1000;
/** Members of every group but the large one, sent in its POST as IdPs push a group. */
const MEMBERS_PER_GROUP = 5;

export type B5Sizes = {
  users: number;
  groups: number;
  largeGroupMembers: number;
  filterQueries: number;
  searchQueries: number;
};

export const b5Sizes = (quick: boolean): B5Sizes =>
  quick
    ? { users: 2_000, groups: 200, largeGroupMembers: 2_000, filterQueries: 400, searchQueries: 400 }
    : { users: 50_000, groups: 5_000, largeGroupMembers: 10_000, filterQueries: 2_000, searchQueries: 2_000 };

/**
 * Requests of one kind: how many, in how long, the time of each, and the CPU each cost the API's
 * process and its database's backends (from /proc, null without it): unlike times, CPU hardly
 * moves with the host's load, so it compares two versions of the code on a busy machine.
 */
export type Timed = {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  failures: number;
  cpuMsPerRequest: { api: number; postgres: number } | null;
};

/** The processes whose CPU a request costs: the API's and the database's backends. */
type Pids = { api: number; databaseUrl: string };

async function backendPids(databaseUrl: string): Promise<number[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return rows.map((row) => row.pid);
  } finally {
    await db.end();
  }
}

/** CPU seconds so far of the API's process and of each backend (null without /proc). */
async function cpuNow(pids: Pids): Promise<{ api: number; backends: Map<number, number> } | null> {
  const api = cpuSecondsOf(pids.api);
  if (api === null) return null;
  const backends = new Map<number, number>();
  for (const pid of await backendPids(pids.databaseUrl)) backends.set(pid, cpuSecondsOf(pid) ?? 0);
  return { api, backends };
}

/** CPU ms per request between two readings; a backend that came or went counts from what was seen. */
function cpuPerRequest(
  before: Awaited<ReturnType<typeof cpuNow>>,
  after: Awaited<ReturnType<typeof cpuNow>>,
  requests: number,
): Timed["cpuMsPerRequest"] {
  if (!before || !after) return null;
  let postgres = 0;
  for (const [pid, seconds] of after.backends) postgres += seconds - (before.backends.get(pid) ?? 0);
  const perRequest = (cpuSeconds: number) => Math.round(((cpuSeconds * 1000) / requests) * 100) / 100;
  return { api: perRequest(after.api - before.api), postgres: perRequest(postgres) };
}

export type ScimResult = {
  sizes: B5Sizes;
  connections: number;
  users: Timed;
  groups: Timed;
  /** The PATCHes that filled the large group, MEMBERS_PER_PATCH each, in order. */
  memberPatchesMs: number[];
  filter: Timed;
  /** Per page of the full Users listing (startIndex order): its fastest pass, in ms. */
  listingPagesMs: number[];
  search: Timed & {
    /** Whether the owner picker found a user created through SCIM (its data is the identity tables). */
    findsScimUsers: boolean;
    /** Rows the picker's answer drew from: identity_people live rows, and the legacy directory's. */
    identityPeople: number;
    legacyDirectoryUsers: number | null;
  };
  /** EXPLAIN ANALYZE of the statements behind `userName eq`, a deep listing page and the owner search. */
  plans: { userNameEq: string; deepPage: string; ownerSearch: Record<string, string> };
  loadAverage: { before: number[]; after: number[] };
};

type Reply = { status: number; body: string; ms: number };

/** A keep-alive HTTP client holding at most `connections` sockets, as an IdP's provisioning client does. */
function client(base: string, token: string, connections: number, contentType: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(base);
  return {
    send(method: string, path: string, body?: unknown): Promise<Reply> {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method,
            path,
            headers: {
              authorization: `Bearer ${token}`,
              accept: "application/scim+json, application/json",
              ...(payload
                ? { "content-type": contentType, "content-length": Buffer.byteLength(payload) }
                : {}),
            },
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
              text += chunk;
            });
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started }),
            );
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

type Client = ReturnType<typeof client>;

/** `count` requests over `connections` workers, each taking the next index; fails on the first error. */
async function timed(
  pids: Pids,
  count: number,
  connections: number,
  send: (index: number) => Promise<Reply>,
  expected: number,
  onReply: (index: number, reply: Reply) => void = () => {},
): Promise<Timed> {
  const latenciesMs: number[] = [];
  let next = 0;
  let failures = 0;
  const cpuBefore = await cpuNow(pids);
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      const reply = await send(index);
      if (reply.status !== expected) {
        failures += 1;
        if (failures === 1)
          throw new Error(`request ${index} answered ${reply.status}: ${reply.body.slice(0, 500)}`);
      }
      latenciesMs.push(reply.ms);
      onReply(index, reply);
    }
  };
  await Promise.all(Array.from({ length: Math.min(connections, count) }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerRequest = cpuPerRequest(cpuBefore, await cpuNow(pids), count);
  return { requests: count, seconds, latenciesMs, failures, cpuMsPerRequest };
}

const userOf = (index: number) => {
  const n = String(index).padStart(6, "0");
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: `bench.user${n}@example.com`,
    externalId: `ext-${n}`,
    name: { givenName: `Bench${n}`, familyName: `User${n}` },
    displayName: `Bench User ${n}`,
    emails: [{ value: `bench.user${n}@example.com`, type: "work", primary: true }],
    active: true,
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: `Dept ${index % 50}` },
  };
};

/** The owner-picker searches of the i-th query's person: what people type (a name's start, a whole email, a family name). */
function searchTerms(users: number, i: number): [string, string, string] {
  const n = String(spread(i - 1, users)).padStart(6, "0");
  return [`bench.user${n.slice(0, 4)}`, `bench.user${n}@example.com`, `User${n}`];
}

/** A deterministic spread of indexes (no Math.random: two runs ask the same questions). */
const spread = (i: number, modulo: number) => (i * 7919 + 13) % modulo;

async function explainPlans(databaseUrl: string, sourceId: string, users: number) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query("ANALYZE identity_people; ANALYZE identity_groups; ANALYZE identity_group_members");
    const plan = async (sql: string, values: unknown[]) =>
      (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values)).rows
        .map((row: Record<string, string>) => row["QUERY PLAN"])
        .join("\n");
    const { rows } = await db.query<{ id: string; created_at: Date }>(
      "SELECT id, created_at FROM identity_people WHERE source_id = $1 ORDER BY created_at, id OFFSET $2 LIMIT 1",
      [sourceId, Math.max(0, users - PAGE_SIZE)],
    );
    const params: unknown[] = [sourceId];
    return {
      // The statements the SCIM repositories send (scim-filter-sql for userName eq; the listing's page).
      userNameEq: await plan(
        `SELECT p.id FROM identity_people p WHERE p.source_id = $1::uuid AND p.deleted_at IS NULL AND ${compileFilter(parseFilter(`userName eq "${userOf(spread(1, users)).userName}"`), PEOPLE_FILTER_ATTRIBUTES, USER_SCHEMA, params)} ORDER BY p.created_at, p.id LIMIT 100`,
        params,
      ),
      // The owner picker's search as directory.repository.ts first sends it, for each kind of term typed.
      ownerSearch: Object.fromEntries(
        await Promise.all(
          searchTerms(users, 3).map(async (term, kind) => [
            ["namePrefix", "wholeEmail", "familyName"][kind]!,
            await plan(
              `WITH hits AS MATERIALIZED (
                 SELECT p.* FROM identity_people p
                  WHERE p.active AND p.deleted_at IS NULL
                    AND lower(coalesce(p.email, '') || E'\\n' || p.user_name || E'\\n' || coalesce(p.display_name, ''))
                        LIKE lower('%' || $1 || '%')
                  LIMIT 1001)
               SELECT p.id, count(*) OVER () FROM hits p JOIN identity_sources s ON s.id = p.source_id
                ORDER BY p.email, p.user_name, p.id LIMIT 20`,
              [term],
            ),
          ]),
        ),
      ),
      deepPage: await plan(
        "SELECT p.id FROM identity_people p WHERE p.source_id = $1::uuid AND p.deleted_at IS NULL AND (p.created_at, p.id) >= ($2, $3::uuid) ORDER BY p.created_at, p.id LIMIT 100",
        [sourceId, rows[0]?.created_at ?? new Date(0), rows[0]?.id ?? "00000000-0000-0000-0000-000000000000"],
      ),
    };
  } finally {
    await db.end();
  }
}

async function tableCounts(databaseUrl: string): Promise<{ identityPeople: number; legacy: number | null }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const people = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM identity_people WHERE deleted_at IS NULL",
    );
    const legacy = await db
      .query<{ n: number }>("SELECT count(*)::int AS n FROM directory_users")
      .catch(() => null);
    return { identityPeople: people.rows[0]?.n ?? 0, legacy: legacy?.rows[0]?.n ?? null };
  } finally {
    await db.end();
  }
}

/** Every page of the Users listing by startIndex/count, LISTING_PASSES times; each page's fastest pass. */
async function listing(scim: Client, users: number): Promise<number[]> {
  const pages = Math.ceil(users / PAGE_SIZE);
  const best = new Array<number>(pages).fill(Number.POSITIVE_INFINITY);
  for (let pass = 0; pass < LISTING_PASSES; pass += 1) {
    for (let page = 0; page < pages; page += 1) {
      const reply = await scim.send(
        "GET",
        `/scim/v2/Users?startIndex=${page * PAGE_SIZE + 1}&count=${PAGE_SIZE}`,
      );
      if (reply.status !== 200)
        throw new Error(`listing page ${page + 1} answered ${reply.status}: ${reply.body}`);
      const body = JSON.parse(reply.body) as { Resources: unknown[] };
      if (body.Resources.length !== Math.min(PAGE_SIZE, users - page * PAGE_SIZE)) {
        throw new Error(`listing page ${page + 1} had ${body.Resources.length} users`);
      }
      best[page] = Math.min(best[page]!, reply.ms);
    }
  }
  return best;
}

/**
 * B5: a SCIM source provisioned as an IdP provisions it (one request per user and group over
 * B5_CONNECTIONS connections), through the real API in a process of its own; then the reads an
 * IdP and the owner pickers make on it.
 */
export async function runScim(
  databaseUrl: string,
  sizes: B5Sizes,
  log: (line: string) => void,
): Promise<ScimResult> {
  const adminToken = `bench_${randomBytes(24).toString("hex")}`;
  const loadBefore = loadavg().map((n) => Math.round(n * 100) / 100);
  // The B3 server (buildApp as `pnpm start` builds it); B5 uses only its API port.
  const server = spawnNode("apps/api/bench/lib/api-server.ts", {
    args: [databaseUrl, adminToken, "00000000-0000-0000-0000-000000000000"],
  });
  try {
    await waitForOutput(server, /LISTENING \d+ \d+/);
    const pids: Pids = { api: server.pid, databaseUrl };
    const [, appPort] = /LISTENING (\d+) (\d+)/.exec(server.output())!;
    const base = `http://127.0.0.1:${appPort}`;
    const admin = client(base, adminToken, B5_CONNECTIONS, "application/json");
    const created = await admin.send("POST", "/api/admin/v1/identity-sources", {
      name: "Bench SCIM",
      type: "scim",
    });
    if (created.status !== 201 && created.status !== 200) {
      throw new Error(`creating the SCIM source answered ${created.status}: ${created.body}`);
    }
    const source = JSON.parse(created.body) as { id: string; token: string };
    const scim = client(base, source.token, B5_CONNECTIONS, "application/scim+json");

    log(
      `B5: ${sizes.users.toLocaleString("en-US")} SCIM users, one POST each, ${B5_CONNECTIONS} connections`,
    );
    const ids = new Array<string>(sizes.users);
    const users = await timed(
      pids,
      sizes.users,
      B5_CONNECTIONS,
      (i) => scim.send("POST", "/scim/v2/Users", userOf(i)),
      201,
      (i, reply) => {
        ids[i] = (JSON.parse(reply.body) as { id: string }).id;
      },
    );

    log(
      `B5: ${sizes.groups.toLocaleString("en-US")} SCIM groups (one filled with ${sizes.largeGroupMembers.toLocaleString("en-US")} members by PATCHes of ${MEMBERS_PER_PATCH})`,
    );
    let largeGroupId = "";
    const groups = await timed(
      pids,
      sizes.groups,
      B5_CONNECTIONS,
      (i) =>
        scim.send("POST", "/scim/v2/Groups", {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          displayName: `Bench group ${String(i).padStart(5, "0")}`,
          externalId: `group-${i}`,
          // The large group starts empty and is filled by PATCHes, as Okta and Entra push one.
          members:
            i === 0
              ? []
              : Array.from({ length: MEMBERS_PER_GROUP }, (_, k) => ({
                  value: ids[spread(i * MEMBERS_PER_GROUP + k, sizes.users)],
                })).filter((member, k, all) => all.findIndex((other) => other.value === member.value) === k),
        }),
      201,
      (i, reply) => {
        if (i === 0) largeGroupId = (JSON.parse(reply.body) as { id: string }).id;
      },
    );
    const memberPatchesMs: number[] = [];
    for (let from = 0; from < sizes.largeGroupMembers; from += MEMBERS_PER_PATCH) {
      const members = ids.slice(from, Math.min(sizes.largeGroupMembers, from + MEMBERS_PER_PATCH));
      const reply = await scim.send("PATCH", `/scim/v2/Groups/${largeGroupId}`, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "add", path: "members", value: members.map((value) => ({ value })) }],
      });
      if (reply.status !== 200 && reply.status !== 204) {
        throw new Error(`PATCH of the large group answered ${reply.status}: ${reply.body.slice(0, 500)}`);
      }
      memberPatchesMs.push(reply.ms);
    }

    log(
      `B5: ${sizes.filterQueries.toLocaleString("en-US")} \`userName eq\` filters, then the full listing (${LISTING_PASSES} passes)`,
    );
    const filter = await timed(
      pids,
      sizes.filterQueries,
      B5_CONNECTIONS,
      (i) =>
        scim.send(
          "GET",
          `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userOf(spread(i, sizes.users)).userName}"`)}`,
        ),
      200,
    );
    const listingPagesMs = await listing(scim, sizes.users);

    log(
      `B5: ${sizes.searchQueries.toLocaleString("en-US")} owner-picker searches (/api/admin/directory/users)`,
    );
    const terms = (i: number) => searchTerms(sizes.users, i + 1)[i % 3]!;
    const search = await timed(
      pids,
      sizes.searchQueries,
      B5_CONNECTIONS,
      (i) => admin.send("GET", `/api/admin/directory/users?search=${encodeURIComponent(terms(i))}&limit=20`),
      200,
    );
    const probe = await admin.send(
      "GET",
      `/api/admin/directory/users?search=${encodeURIComponent(userOf(spread(3, sizes.users)).userName)}&limit=20`,
    );
    const findsScimUsers =
      probe.status === 200 && probe.body.includes(userOf(spread(3, sizes.users)).userName);
    const counts = await tableCounts(databaseUrl);
    admin.close();
    scim.close();
    return {
      sizes,
      connections: B5_CONNECTIONS,
      users,
      groups,
      memberPatchesMs,
      filter,
      listingPagesMs,
      search: {
        ...search,
        findsScimUsers,
        identityPeople: counts.identityPeople,
        legacyDirectoryUsers: counts.legacy,
      },
      plans: await explainPlans(databaseUrl, source.id, sizes.users),
      loadAverage: { before: loadBefore, after: loadavg().map((n) => Math.round(n * 100) / 100) },
    };
  } finally {
    await server.stop();
  }
}
