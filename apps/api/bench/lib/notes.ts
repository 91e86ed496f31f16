// What bounds the goals this machine misses, with the evidence behind it (profiles and plans
// taken while building the benchmark; the JSON of every run has the figures they refer to).

export const NOTES = {
  rss:
    "Bounded by the worker's floor and V8's heap sizing, not by discovery's data (500 and 2,000 " +
    "accounts peak within ~30 MB of each other). The floor: node ~40 MB, Prisma's query-compiler " +
    "WebAssembly ~70 MB, AWS SDK + pg-boss + app (the built worker idles at ~115 MB; under tsx it " +
    "was ~160 MB, tsx's module-loader thread). The live heap stays under ~55 MB, but by default " +
    "V8 grows the old space to ~4× that (peaks of 380–480 MB). `pnpm worker` therefore runs the " +
    "built worker with heap flags (apps/api/scripts/worker-node-flags.mjs, with the measurements " +
    "behind them; peaks of 245–283 MB): a miss means the floor or the live heap grew.",
  hotSpot:
    "CPU-bound, not AWS-bound: T_lb counts the 52 dependent calls (AssumeRole, " +
    "GetCallerIdentity, 50 pages of 1,000) at the 35 ms mean latency, but turning 50,000 " +
    "instances into rows costs the worker ~6–8 s of CPU (profile: the SDK's XML deserializer, " +
    "parseTag/readSchema, about a third; GC ~15 %; loading the EC2 SDK on first use ~1 s; the " +
    "writes), and the sandbox renders the 50 MB of XML on the other core. Pages are fetched one " +
    "ahead while the previous one is written; the 50 pages of one region come one after another " +
    "(each needs the previous NextToken), so there is nothing left to overlap.",
  b2:
    "Bounded by PostgreSQL's per-row work on 2 cores: a 1,000-row batch spends most of its time " +
    "in the server (EXPLAIN ANALYZE of a 500-row batch: ~10 ms inserting into the heap and " +
    "resources' 4 indexes on random uuids; ~2 ms the foreign-key trigger; 1.4 KB of WAL per " +
    "row), with the client's JSON encoding on the same 2 cores. Done so far: one JSON parameter " +
    "per batch (jsonb_to_recordset), asynchronous commit of batches, two batches in flight, the " +
    "statement sent over the pg pool under Prisma (Prisma's raw path re-encoded every batch, " +
    "~6 ms of CPU each), batches of 1,000 instead of 500: 5.5k → ~20–26k rows/s, varying with " +
    "the machine's load.",
  b3Resources:
    "Pages are now index-only range scans (`(integration_id, name, id)`, deep pages start at the " +
    "cursor) and `total` is read from counters the database keeps exact with statement " +
    "triggers (plans in the JSON, details.b3.plans: ~0.1 ms each). What is left is the cost of " +
    "an ~80 KB response on this machine: the bare-Fastify row above serves the same bytes from " +
    "memory (no database, auth or validation) at ~10 % of the trivial route, and the " +
    "API, PostgreSQL and the load generator share 2 cores (the API's profile shows ~25 % of " +
    "its samples in writev, its threads descheduled mid-syscall).",
  b3Integrations:
    "Each request costs the API's one thread ~5 ms (profile: the Prisma client ~20–30 % over " +
    "five round trips (auth, page, latest runs ×2, identity providers), writing the ~50 KB " +
    "response ~15 %, GC ~10 %, zod ~7 %). Half of the trivial route's rate is out of reach for " +
    "any 50 KB response here: the bare-Fastify row shows that serving bytes of this size from " +
    "memory, with nothing else, already falls to ~10 % of it.",
  b3DeepVsPage1:
    "Not OFFSET: both pages are index range scans that read ~101 index entries (plans in the " +
    "JSON, details.b3.plans: ~0.1–0.3 ms each), so the depth itself costs nothing measurable; " +
    "the deep page's response is ~3 KB larger. Its rate still varied between 82 % and 109 % of " +
    "page 1 across runs on these shared 2 cores; the rest of the gap was not profiled.",
} as const;
