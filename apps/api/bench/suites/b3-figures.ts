import { cpus } from "node:os";
import { type Figure, fmt } from "../lib/report.ts";
import type { ApiResult, LoadFigure, LoadTarget } from "./b3-api.ts";

/** B3's goals (issue #15): a list is measured against a bare route serving its bytes. */
export const B3_GOALS = { shareOfSameBytes: 0.4, p99Ms: 25, deepOfPage1: 0.9 } as const;

const LISTS: readonly LoadTarget[] = ["integrations", "page1", "deep"];
/** The same lists from the API with its list cache off: every page read (the cache-miss figures). */
const UNCACHED: readonly LoadTarget[] = ["integrations-uncached", "page1-uncached", "deep-uncached"];
const kb = (bytes: number) => `${fmt.int(bytes / 1024)} KB`;
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function figureOf(api: ApiResult, key: LoadTarget): LoadFigure {
  const figure = api.figures.find((f) => f.key === key);
  if (!figure) throw new Error(`B3 measured no ${key} route`);
  return figure;
}

/** A list's ceiling: the bare route that served the same bytes from memory. */
function ceilingOf(api: ApiResult, list: LoadFigure): LoadFigure {
  return figureOf(api, list.ceiling ?? "same-bytes-resources");
}

/** CPU per response, the API's and PostgreSQL's: robust to the host's load, unlike req/s. */
const cpuOf = (figure: LoadFigure) =>
  figure.cpuMsPerRequest
    ? `; CPU per response: API ${figure.cpuMsPerRequest.api.toFixed(2)} ms + PostgreSQL ${figure.cpuMsPerRequest.postgres.toFixed(2)} ms`
    : "";

const shareOf = (api: ApiResult, list: LoadFigure) =>
  list.requestsPerSecond / ceilingOf(api, list).requestsPerSecond;
const isClean = (list: LoadFigure) => list.errors === 0 && list.non2xx === 0;

/** The host while B3 ran (every B3 note ends with it: these numbers move with it). */
function hostOf(api: ApiResult): string {
  const trivial = figureOf(api, "trivial");
  return (
    `The API, PostgreSQL and autocannon shared ${cpus().length} cores; the 1-minute load average was ` +
    `${api.loadAverage.before} when the slices began and ${api.loadAverage.after} when they ended, and ` +
    `the trivial route, the host's pulse, answered ${fmt.int(trivial.requestsPerSecond)} req/s ` +
    `(p99 ${fmt.ms(trivial.p99Ms)}).`
  );
}

/** Why the lists missed their throughput goal, from this run's figures. */
function throughputNote(api: ApiResult): string {
  const lists = LISTS.map((key) => figureOf(api, key)).map((list) => {
    const ceiling = ceilingOf(api, list);
    return `${list.name} ${fmt.int(list.requestsPerSecond)} req/s against ${fmt.int(ceiling.requestsPerSecond)} for its ${kb(ceiling.bytesPerResponse)} from memory (${percent(shareOf(api, list))})`;
  });
  return (
    `This run: ${lists.join("; ")}. With the data unchanged the API sends a kept page's bytes; per ` +
    `request it still reads the caller's credential (one statement), waits for its change feed to ` +
    `catch up (a round trip shared by the requests in flight) and runs Fastify's hooks and query ` +
    `validation; a page read anew (the cache-off lines) also runs the page's statements (plans in ` +
    `details.b3.plans), parses ~100 rows, maps and serializes them. ${hostOf(api)}`
  );
}

/** Why a p99 was over its goal, from this run's figures. */
function latencyNote(api: ApiResult): string {
  const lists = LISTS.map((key) => figureOf(api, key)).map(
    (list) =>
      `${list.name} p99 ${fmt.ms(list.p99Ms)}, p50 ${fmt.ms(list.p50Ms)}, mean ≈ ${api.connections} / ` +
      `${fmt.int(list.requestsPerSecond)} req/s = ${fmt.ms((api.connections / list.requestsPerSecond) * 1000)}`,
  );
  const ceiling = figureOf(api, "same-bytes-resources");
  return (
    `This run: ${lists.join("; ")}; the bare route serving resources page 1 from memory had p99 ` +
    `${fmt.ms(ceiling.p99Ms)}. With ${api.connections} connections each response waits behind ` +
    `the others in flight (Little's law: mean latency = connections / throughput), so the ` +
    `latency goal follows the throughput one, and the tail adds the host's pauses. ${hostOf(api)}`
  );
}

const executionMs = (plan: string) => /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? "?";
const scanOf = (plan: string) =>
  /(Index Only Scan|Index Scan|Seq Scan|Bitmap Heap Scan)/.exec(plan)?.[1] ?? "?";

/** CPU per response, API + PostgreSQL, in ms ("?" without /proc). */
const cpuMs = (figure: LoadFigure) =>
  figure.cpuMsPerRequest
    ? `${(figure.cpuMsPerRequest.api + figure.cpuMsPerRequest.postgres).toFixed(2)} ms`
    : "?";

/** Why the deep page was slower than page 1, from this run's figures and query plans. */
function deepNote(api: ApiResult): string {
  const page1 = figureOf(api, "page1");
  const deep = figureOf(api, "deep");
  return (
    `This run: the deep page ${fmt.int(deep.requestsPerSecond)} req/s (${kb(deep.bytesPerResponse)} ` +
    `each) against page 1's ${fmt.int(page1.requestsPerSecond)} (${kb(page1.bytesPerResponse)}), at ` +
    `${cpuMs(deep)} against ${cpuMs(page1)} of CPU per response (API + PostgreSQL): with the data ` +
    `unchanged both are kept pages, the same work, so a gap in req/s with equal CPU is the host's ` +
    `drift between their slices. Read anew, PostgreSQL ran the page statement in ` +
    `${executionMs(api.plans.page1)} ms for page 1 (${scanOf(api.plans.page1)}) and ` +
    `${executionMs(api.plans.deep)} ms after row ${fmt.int(api.deepOffset)} ` +
    `(${scanOf(api.plans.deep)}, from the cursor: keyset, not OFFSET). ${hostOf(api)}`
  );
}

/** B3's lines of the table: the ceilings (reported), then each list's goals. */
export function apiFigures(api: ApiResult): Figure[] {
  const trivial = figureOf(api, "trivial");
  const figures: Figure[] = [
    {
      suite: "B3",
      figure: `${trivial.name} (ceiling)`,
      goal: "reported",
      measured: `${fmt.int(trivial.requestsPerSecond)} req/s, p99 ${fmt.ms(trivial.p99Ms)}, ${fmt.int(trivial.bytesPerResponse)} B`,
      pass: null,
    },
  ];
  for (const key of ["same-bytes-integrations", "same-bytes-resources"] as const) {
    const ceiling = figureOf(api, key);
    figures.push({
      suite: "B3",
      figure: `${ceiling.name} (ceiling for ~${kb(ceiling.bytesPerResponse)})`,
      goal: "reported",
      measured: `${fmt.int(ceiling.requestsPerSecond)} req/s = ${percent(ceiling.requestsPerSecond / trivial.requestsPerSecond)} of the trivial route, p99 ${fmt.ms(ceiling.p99Ms)}${cpuOf(ceiling)}`,
      pass: null,
    });
  }
  const throughputMissed = (list: LoadFigure) => shareOf(api, list) < B3_GOALS.shareOfSameBytes;
  const latencyMissed = (list: LoadFigure) => list.p99Ms > B3_GOALS.p99Ms;
  for (const key of LISTS) {
    const list = figureOf(api, key);
    const clean = isClean(list);
    const faults = clean ? "" : ` (${list.errors} errors, ${list.non2xx} non-2xx)`;
    figures.push(
      {
        suite: "B3",
        figure: `${list.name}: throughput`,
        goal: `≥ ${B3_GOALS.shareOfSameBytes * 100} % of the bare route serving its bytes`,
        measured: `${fmt.int(list.requestsPerSecond)} req/s = ${percent(shareOf(api, list))} of ${fmt.int(ceilingOf(api, list).requestsPerSecond)}, ${kb(list.bytesPerResponse)} each${faults}${cpuOf(list)}`,
        pass: clean && !throughputMissed(list),
        ...(throughputMissed(list) ? { note: throughputNote(api) } : {}),
      },
      {
        suite: "B3",
        figure: `${list.name}: p99 latency`,
        goal: `≤ ${B3_GOALS.p99Ms} ms`,
        measured: `${fmt.ms(list.p99Ms)} (p50 ${fmt.ms(list.p50Ms)})${faults}`,
        pass: clean && !latencyMissed(list),
        ...(latencyMissed(list) ? { note: latencyNote(api) } : {}),
      },
    );
  }
  for (const key of UNCACHED) {
    const list = api.figures.find((f) => f.key === key);
    if (!list) continue;
    const faults = isClean(list) ? "" : ` (${list.errors} errors, ${list.non2xx} non-2xx)`;
    figures.push({
      suite: "B3",
      figure: `${list.name}: throughput and p99`,
      goal: "reported (a cache miss on every request)",
      measured: `${fmt.int(list.requestsPerSecond)} req/s = ${percent(shareOf(api, list))} of ${fmt.int(ceilingOf(api, list).requestsPerSecond)}, p99 ${fmt.ms(list.p99Ms)} (p50 ${fmt.ms(list.p50Ms)})${faults}${cpuOf(list)}`,
      pass: null,
    });
  }
  const page1Miss = api.figures.find((f) => f.key === "page1-uncached");
  const deepMiss = api.figures.find((f) => f.key === "deep-uncached");
  if (page1Miss && deepMiss) {
    figures.push({
      suite: "B3",
      figure: "resources, cache off: deep page vs page 1",
      goal: "reported",
      measured: `${fmt.int(deepMiss.requestsPerSecond)} vs ${fmt.int(page1Miss.requestsPerSecond)} req/s = ${((deepMiss.requestsPerSecond / page1Miss.requestsPerSecond) * 100).toFixed(0)} %`,
      pass: null,
    });
  }
  const page1 = figureOf(api, "page1");
  const deep = figureOf(api, "deep");
  const asFast = deep.requestsPerSecond >= B3_GOALS.deepOfPage1 * page1.requestsPerSecond;
  figures.push({
    suite: "B3",
    figure: "resources: deep page vs page 1",
    goal: `as fast (≥ ${B3_GOALS.deepOfPage1 * 100} % of page 1's req/s)`,
    measured: `${fmt.int(deep.requestsPerSecond)} vs ${fmt.int(page1.requestsPerSecond)} req/s = ${((deep.requestsPerSecond / page1.requestsPerSecond) * 100).toFixed(0)} %`,
    pass: asFast,
    ...(asFast ? {} : { note: deepNote(api) }),
  });
  return figures;
}
