import { describe, expect, it } from "vitest";
import type { ApiResult, LoadFigure, LoadTarget } from "./b3-api.ts";
import { apiFigures } from "./b3-figures.ts";

const CEILINGS: Partial<Record<LoadTarget, LoadTarget>> = {
  integrations: "same-bytes-integrations",
  page1: "same-bytes-resources",
  deep: "same-bytes-resources",
  "integrations-uncached": "same-bytes-integrations",
  "page1-uncached": "same-bytes-resources",
  "deep-uncached": "same-bytes-resources",
};

function load(key: LoadTarget, requestsPerSecond: number, p99Ms = 10): LoadFigure {
  const ceiling = CEILINGS[key];
  return {
    key,
    name: key,
    path: `/${key}`,
    ...(ceiling ? { ceiling } : {}),
    requestsPerSecond,
    p50Ms: p99Ms / 2,
    p99Ms,
    errors: 0,
    non2xx: 0,
    requests: requestsPerSecond * 10,
    bytesPerResponse: 80_000,
    cpuMsPerRequest: null,
  };
}

function result(overrides: Partial<Record<LoadTarget, Partial<LoadFigure>>> = {}): ApiResult {
  const base: LoadFigure[] = [
    load("trivial", 20_000, 2),
    load("same-bytes-integrations", 4_000),
    load("same-bytes-resources", 3_000),
    load("integrations", 1_600),
    load("page1", 1_200),
    load("deep", 1_200),
  ];
  return {
    integrations: 1000,
    resources: 100_000,
    connections: 10,
    durationSeconds: 10,
    deepOffset: 90_000,
    figures: base.map((figure) => ({ ...figure, ...overrides[figure.key] })),
    plans: { page1: "Index Scan\nExecution Time: 0.512 ms", deep: "Index Scan\nExecution Time: 0.498 ms" },
    loadAverage: { before: 1.23, after: 4.56 },
  };
}

const line = (figures: ReturnType<typeof apiFigures>, name: string) => {
  const found = figures.find((figure) => figure.figure === name);
  if (!found) throw new Error(`no line ${name}`);
  return found;
};

describe("B3's goals", () => {
  it("pass at 40 % of the bare route serving the list's own bytes, p99 ≤ 25 ms, deep ≥ 90 % of page 1", () => {
    // The deep page at 1,200 of page 1's 1,320 req/s: 90.9 %.
    const figures = apiFigures(result({ page1: { requestsPerSecond: 1_320 }, deep: { p99Ms: 25 } }));
    expect(figures.filter((figure) => figure.pass === false)).toEqual([]);
    expect(figures.filter((figure) => figure.note)).toEqual([]);
    expect(line(figures, "integrations: throughput").measured).toBe(
      "1,600 req/s = 40.0 % of 4,000, 78 KB each",
    );
  });

  it("compare the integrations list with its own bare route, not the resources page's", () => {
    const figures = apiFigures(result({ "same-bytes-integrations": { requestsPerSecond: 4_001 } }));
    expect(line(figures, "integrations: throughput").pass).toBe(false);
    expect(line(figures, "page1: throughput").pass).toBe(true);
  });

  it("fail a p99 over 25 ms, a deep page under 90 % of page 1, and a route that answered errors", () => {
    const figures = apiFigures(
      result({ page1: { p99Ms: 26, non2xx: 1 }, deep: { requestsPerSecond: 1_079 } }),
    );
    expect(line(figures, "page1: p99 latency").pass).toBe(false);
    expect(line(figures, "page1: throughput").pass).toBe(false);
    expect(line(figures, "page1: throughput").measured).toContain("(0 errors, 1 non-2xx)");
    expect(line(figures, "resources: deep page vs page 1").pass).toBe(false);
  });

  it("explain a miss with the run's own measurements", () => {
    const figures = apiFigures(result({ page1: { requestsPerSecond: 450, p99Ms: 41 } }));
    const throughput = line(figures, "page1: throughput").note ?? "";
    expect(throughput).toContain("page1 450 req/s against 3,000");
    expect(throughput).toContain("(15.0 %)");
    expect(throughput).toContain("1.23 when the slices began and 4.56 when they ended");
    expect(throughput).toContain("answered 20,000 req/s");
    expect(line(figures, "page1: p99 latency").note).toContain("page1 p99 41 ms");
    const slowDeep = apiFigures(result({ deep: { requestsPerSecond: 900 } }));
    const deep = line(slowDeep, "resources: deep page vs page 1").note ?? "";
    expect(deep).toContain("the deep page 900 req/s (78 KB each) against page 1's 1,200");
    expect(deep).toContain("0.512 ms for page 1 (Index Scan) and 0.498 ms after row 90,000");
  });

  it("report the lists read anew (cache off) without goals, whatever their figures", () => {
    const withMisses = result();
    withMisses.figures.push(
      { ...load("integrations-uncached", 400, 90), cpuMsPerRequest: { api: 1.8, postgres: 1.1 } },
      load("page1-uncached", 350, 120),
      load("deep-uncached", 330, 130),
    );
    const figures = apiFigures(withMisses);
    const miss = line(figures, "integrations-uncached: throughput and p99");
    expect(miss.pass).toBeNull();
    expect(miss.measured).toBe(
      "400 req/s = 10.0 % of 4,000, p99 90 ms (p50 45 ms); CPU per response: API 1.80 ms + PostgreSQL 1.10 ms",
    );
    expect(line(figures, "resources, cache off: deep page vs page 1").measured).toBe(
      "330 vs 350 req/s = 94 %",
    );
    expect(figures.filter((figure) => figure.pass === false)).toEqual([]);
  });
});
