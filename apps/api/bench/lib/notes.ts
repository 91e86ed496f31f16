// What bounds the goals this machine misses, with the evidence behind it (profiles and plans
// taken while building the benchmark; the JSON of every run has the figures they refer to).

export const NOTES = {
  rss:
    "Bounded by the worker's floor, not by discovery's data (500 and 2,000 accounts peak within " +
    "~30 MB of each other): an idle worker is ~230 MB before its " +
    "first fetch (node 40 MB, tsx's module-loader thread ~37 MB, Prisma's query-compiler " +
    "WebAssembly ~70 MB, AWS SDK + pg-boss + app). During a run V8 lets the old space grow to " +
    "~4× the live heap (live ~60 MB in heap snapshots; heapTotal reached ~270 MB), as its heap " +
    "growing factor does for a fast allocator. Discovery now loads EC2/RDS/Identity Center SDKs " +
    "only when used (EC2's alone is ~100 MB) and keeps 256 SDK clients at most (was 5,000). " +
    "With NODE_OPTIONS='--max-semi-space-size=8 --max-old-space-size=192' a 500-account worker " +
    "stayed at 285–311 MB in a development run: a launch setting for whoever owns `pnpm worker`.",
  hotSpot:
    "CPU-bound, not AWS-bound: T_lb counts the 52 dependent calls (AssumeRole, " +
    "GetCallerIdentity, 50 pages of 1,000) at the 35 ms mean latency, but turning 50,000 " +
    "instances into rows costs the worker ~9–12 s of CPU (profile: the SDK's XML deserializer, " +
    "parseTag/readSchema, about a third; GC ~15 %; loading the EC2 SDK on first use ~1 s; " +
    "Prisma and the writes). Pages are fetched one ahead while the previous one is written.",
  b2:
    "Bounded by PostgreSQL's per-row work on 2 cores, and by Prisma: a 500-row batch takes " +
    "~20 ms in the server (EXPLAIN ANALYZE: ~10 ms inserting into the heap and resources' 4 " +
    "indexes on random uuids; ~2 ms the foreign-key trigger; 1.4 KB of WAL per row). The writer " +
    "now sends one JSON parameter per batch (jsonb_to_recordset), commits batches asynchronously " +
    "and keeps two in flight: 5.5k → ~21k rows/s. The same statement over a bare pg connection " +
    "reaches ~25k rows/s; Prisma's raw-query path JSON-encodes and re-parses every parameter " +
    "(~6 ms of client CPU per batch in a profile). The worker has no pg pool of its own to use.",
  b3Resources:
    "No index serves `ORDER BY name, id` within an integration, so every page is a parallel " +
    "seq scan of the table plus a top-N sort, and `total` is a count(*) of all the integration's " +
    "rows (plans in the JSON, details.b3.plans). Needs `@@index([integrationId, name, id])` on " +
    "Resource and a cheaper `total` (both outside discovery; proposed, not changed here).",
  b3Integrations:
    "Each request costs the API's one thread ~5 ms (profile: the Prisma client ~30 %, writing the " +
    "~50 KB response ~15 %, GC ~13 %, zod ~7 %) against a few µs for the trivial route, which " +
    "is bound by the load generator sharing the 2 cores: half the trivial route's rate is out " +
    "of reach for a 100-row page here.",
} as const;
