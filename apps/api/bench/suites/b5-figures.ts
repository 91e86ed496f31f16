import { type Figure, fmt } from "../lib/report.ts";
import type { ScimResult, Timed } from "./b5-scim.ts";

/** B5's goals (issue #17 §5). `slowestPageOfFirst`: a page's best of 3 passes may be this × page 1's. */
export const B5_GOALS = {
  createsPerSecond: 300,
  filterP99Ms: 20,
  patchMs: 1000,
  slowestPageOfFirst: 1.25,
  searchP99Ms: 50,
} as const;

/** The nearest-rank percentile `p` (0–100) of the values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const rate = (timed: Timed) => timed.requests / timed.seconds;
const loadOf = (scim: ScimResult) =>
  `The host's load average (1, 5, 15 min) was ${scim.loadAverage.before.join(", ")} when B5 began and ` +
  `${scim.loadAverage.after.join(", ")} when it ended; the API, PostgreSQL and the client shared the cores.`;
const executionMs = (plan: string) => /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? "?";
const scanOf = (plan: string) =>
  /(Index Only Scan|Index Scan|Seq Scan|Bitmap Heap Scan)/.exec(plan)?.[1] ?? "?";
/** CPU per request, the API's and PostgreSQL's: robust to the host's load, unlike times. */
const cpuOf = (timed: Timed) =>
  timed.cpuMsPerRequest
    ? `; CPU each: API ${timed.cpuMsPerRequest.api.toFixed(2)} ms + PostgreSQL ${timed.cpuMsPerRequest.postgres.toFixed(2)} ms`
    : "";
const faults = (timed: Timed) => (timed.failures > 0 ? ` (${timed.failures} failed)` : "");

function createsFigure(scim: ScimResult, kind: "users" | "groups"): Figure {
  const timed = scim[kind];
  const perSecond = rate(timed);
  const pass = timed.failures === 0 && perSecond >= B5_GOALS.createsPerSecond;
  return {
    suite: "B5",
    figure: `SCIM: create ${fmt.int(timed.requests)} ${kind}, one POST each, ${scim.connections} connections`,
    goal: `≥ ${B5_GOALS.createsPerSecond} creates/s`,
    measured: `${fmt.int(perSecond)} /s (${fmt.s(timed.seconds)}; p50 ${fmt.ms(percentile(timed.latenciesMs, 50))}, p99 ${fmt.ms(percentile(timed.latenciesMs, 99))})${faults(timed)}${cpuOf(timed)}`,
    pass,
    ...(pass
      ? {}
      : {
          note:
            `This run: ${fmt.int(perSecond)} ${kind} created per second over ${scim.connections} connections, ` +
            `so each POST held a connection ${fmt.ms((scim.connections / perSecond) * 1000)} on average ` +
            `(p50 ${fmt.ms(percentile(timed.latenciesMs, 50))}, p99 ${fmt.ms(percentile(timed.latenciesMs, 99))}); ` +
            `each is one transaction (the row, its unique user name or group name, the source's last change). ${loadOf(scim)}`,
        }),
  };
}

function filterFigure(scim: ScimResult): Figure {
  const p99 = percentile(scim.filter.latenciesMs, 99);
  const pass = scim.filter.failures === 0 && p99 <= B5_GOALS.filterP99Ms;
  return {
    suite: "B5",
    figure: `SCIM: \`userName eq\` filter among ${fmt.int(scim.sizes.users)} users`,
    goal: `p99 ≤ ${B5_GOALS.filterP99Ms} ms`,
    measured: `${fmt.ms(p99)} (p50 ${fmt.ms(percentile(scim.filter.latenciesMs, 50))}, ${fmt.int(scim.filter.requests)} queries, ${scim.connections} connections)${faults(scim.filter)}${cpuOf(scim.filter)}`,
    pass,
    ...(pass
      ? {}
      : {
          note:
            `This run: p99 ${fmt.ms(p99)} over ${fmt.int(scim.filter.requests)} filters at ` +
            `${fmt.int(rate(scim.filter))} /s; PostgreSQL found the user in ${executionMs(scim.plans.userNameEq)} ms ` +
            `(${scanOf(scim.plans.userNameEq)}), the rest is the request's own work and the queue behind ` +
            `${scim.connections} connections. ${loadOf(scim)}`,
        }),
  };
}

function patchFigure(scim: ScimResult): Figure {
  const patches = scim.memberPatchesMs;
  const slowest = Math.max(0, ...patches);
  const pass = patches.length > 0 && slowest <= B5_GOALS.patchMs;
  const slowestAt = patches.indexOf(slowest);
  return {
    suite: "B5",
    figure: `SCIM: PATCH adding 1,000 members (group filled to ${fmt.int(scim.sizes.largeGroupMembers)})`,
    goal: `≤ ${fmt.int(B5_GOALS.patchMs)} ms each`,
    measured: `slowest ${fmt.ms(slowest)}, first ${fmt.ms(patches[0] ?? 0)}, last ${fmt.ms(patches.at(-1) ?? 0)} (${patches.length} PATCHes)`,
    pass,
    ...(pass
      ? {}
      : {
          note:
            `This run: the PATCHes took ${patches.map((ms) => fmt.ms(ms)).join(", ")}; the slowest was number ` +
            `${slowestAt + 1}, onto ${fmt.int(slowestAt * 1000)} members already in the group. ${loadOf(scim)}`,
        }),
  };
}

function listingFigure(scim: ScimResult): Figure {
  const pages = scim.listingPagesMs;
  const first = pages[0] ?? 0;
  const slowest = Math.max(0, ...pages);
  const slowestPage = pages.indexOf(slowest) + 1;
  const pass = pages.length > 0 && slowest <= B5_GOALS.slowestPageOfFirst * first;
  return {
    suite: "B5",
    figure: `SCIM: list ${fmt.int(scim.sizes.users)} users by pages of 100 (startIndex/count)`,
    goal: `no page slower than the first (≤ ${B5_GOALS.slowestPageOfFirst}× page 1, each page's best of 3 passes)`,
    measured: `page 1 ${fmt.ms(first)}, slowest page ${slowestPage} ${fmt.ms(slowest)} (${fmt.x(slowest / Math.max(first, 0.001))}); p99 over ${fmt.int(pages.length)} pages ${fmt.ms(percentile(pages, 99))}`,
    pass,
    ...(pass
      ? {}
      : {
          note:
            `This run: page 1 answered in ${fmt.ms(first)} and page ${slowestPage} (startIndex ` +
            `${fmt.int((slowestPage - 1) * 100 + 1)}) in ${fmt.ms(slowest)}, the fastest of 3 passes each; ` +
            `the last page's statement ran in ${executionMs(scim.plans.deepPage)} ms (${scanOf(scim.plans.deepPage)}). ${loadOf(scim)}`,
        }),
  };
}

function searchFigure(scim: ScimResult): Figure {
  const { search } = scim;
  const p99 = percentile(search.latenciesMs, 99);
  const backed = search.findsScimUsers;
  const pass = search.failures === 0 && p99 <= B5_GOALS.searchP99Ms;
  const caveat = backed
    ? ""
    : `In this build /api/admin/directory/users is not yet backed by the identity tables: it searched the ` +
      `legacy directory (${search.legacyDirectoryUsers === null ? "?" : fmt.int(search.legacyDirectoryUsers)} rows), ` +
      `not the ${fmt.int(search.identityPeople)} people SCIM created, and did not find a SCIM user by its user name. `;
  const why = pass
    ? ""
    : `This run: p99 ${fmt.ms(p99)}, p50 ${fmt.ms(percentile(search.latenciesMs, 50))}; PostgreSQL ran the search in ` +
      `${Object.entries(scim.plans.ownerSearch ?? {})
        .map(([kind, plan]) => `${executionMs(plan)} ms for a ${kind} (${scanOf(plan)})`)
        .join(", ")}. ${loadOf(scim)}`;
  const note = `${caveat}${why}`.trim();
  return {
    suite: "B5",
    figure: `owner picker: search ${fmt.int(search.identityPeople)} people (/api/admin/directory/users)`,
    goal: `p99 ≤ ${B5_GOALS.searchP99Ms} ms`,
    measured: `${fmt.ms(p99)} (p50 ${fmt.ms(percentile(search.latenciesMs, 50))}, ${fmt.int(search.requests)} searches)${backed ? "" : "; NOT the identity tables"}${faults(search)}${cpuOf(search)}`,
    pass,
    ...(note ? { note } : {}),
  };
}

/** B5's lines of the table. */
export function scimFigures(scim: ScimResult): Figure[] {
  return [
    createsFigure(scim, "users"),
    createsFigure(scim, "groups"),
    filterFigure(scim),
    patchFigure(scim),
    listingFigure(scim),
    searchFigure(scim),
  ];
}
