import { describe, expect, it } from "vitest";
import { percentile, scimFigures } from "./b5-figures.ts";
import type { ScimResult, Timed } from "./b5-scim.ts";

/** `requests` answered in `seconds`, every one taking `ms` except a slow tail of `tail` at `tailMs`. */
function timed(requests: number, seconds: number, ms: number, tail = 0, tailMs = ms): Timed {
  return {
    requests,
    seconds,
    latenciesMs: [...Array<number>(requests - tail).fill(ms), ...Array<number>(tail).fill(tailMs)],
    failures: 0,
    cpuMsPerRequest: { api: 1.5, postgres: 0.75 },
  };
}

function result(overrides: Partial<ScimResult> = {}): ScimResult {
  return {
    sizes: {
      users: 50_000,
      groups: 5_000,
      largeGroupMembers: 10_000,
      filterQueries: 2_000,
      searchQueries: 2_000,
    },
    connections: 4,
    users: timed(50_000, 125, 12),
    groups: timed(5_000, 12.5, 12),
    memberPatchesMs: [300, 320, 350, 380, 400, 420, 450, 480, 500, 520],
    filter: timed(2_000, 4, 3, 20, 19),
    listingPagesMs: Array.from({ length: 500 }, (_, page) => (page === 0 ? 20 : 18)),
    search: {
      ...timed(2_000, 8, 10),
      findsScimUsers: true,
      identityPeople: 50_000,
      legacyDirectoryUsers: 12,
    },
    plans: {
      userNameEq: "Index Scan using identity_people_source_id_user_name_key_key\nExecution Time: 0.041 ms",
      deepPage: "Index Only Scan\nExecution Time: 0.210 ms",
      ownerSearch: { wholeEmail: "Bitmap Heap Scan\nExecution Time: 6.4 ms" },
    },
    loadAverage: { before: [1.2, 1.1, 1.0], after: [2.5, 1.4, 1.1] },
    ...overrides,
  };
}

const line = (figures: ReturnType<typeof scimFigures>, start: string) => {
  const found = figures.find((figure) => figure.figure.startsWith(start));
  if (!found) throw new Error(`no line ${start}`);
  return found;
};

describe("B5's goals", () => {
  it("pass at 300 creates/s, filter p99 20 ms, PATCHes under 1 s, flat pages, search p99 50 ms", () => {
    // 50,000 users in 125 s and 5,000 groups in 12.5 s: 400 /s each.
    const figures = scimFigures(result({ users: timed(50_000, 166.6, 12) }));
    expect(figures.filter((figure) => figure.pass === false)).toEqual([]);
    expect(figures.filter((figure) => figure.note)).toEqual([]);
    expect(line(figures, "SCIM: create 50,000 users").measured).toBe(
      "300 /s (166.6 s; p50 12 ms, p99 12 ms); CPU each: API 1.50 ms + PostgreSQL 0.75 ms",
    );
    expect(line(figures, "SCIM: list").measured).toBe(
      "page 1 20 ms, slowest page 1 20 ms (1.00×); p99 over 500 pages 18 ms",
    );
  });

  it("fail under 300 creates/s, a p99 over 20 ms, and explain with the run's own numbers", () => {
    // 1 % of 2,000 filters is 20: 21 slow ones put the p99 on them.
    const figures = scimFigures(result({ groups: timed(5_000, 25, 20), filter: timed(2_000, 4, 3, 21, 35) }));
    const groups = line(figures, "SCIM: create 5,000 groups");
    expect(groups.pass).toBe(false);
    expect(groups.note).toContain("200 groups created per second over 4 connections");
    expect(groups.note).toContain("1.2, 1.1, 1 when B5 began and 2.5, 1.4, 1.1 when it ended");
    const filter = line(figures, "SCIM: `userName eq`");
    expect(filter.pass).toBe(false);
    expect(filter.note).toContain("p99 35 ms over 2,000 filters");
    expect(filter.note).toContain("0.041 ms (Index Scan)");
  });

  it("fail a PATCH over 1 s and name which one it was", () => {
    const patch = line(scimFigures(result({ memberPatchesMs: [300, 1_001, 400] })), "SCIM: PATCH");
    expect(patch.pass).toBe(false);
    expect(patch.note).toContain("number 2, onto 1,000 members already in the group");
  });

  it("fail a listing whose slowest page is over 1.25× the first, and pass one at exactly 1.25×", () => {
    const slow = line(scimFigures(result({ listingPagesMs: [20, 18, 26, 19] })), "SCIM: list");
    expect(slow.pass).toBe(false);
    expect(slow.measured).toContain("slowest page 3 26 ms (1.30×)");
    expect(slow.note).toContain("page 3 (startIndex 201) in 26 ms");
    expect(line(scimFigures(result({ listingPagesMs: [20, 25] })), "SCIM: list").pass).toBe(true);
  });

  it("say when the owner picker does not read the identity tables, even when it is fast enough", () => {
    const search = { ...result().search, findsScimUsers: false };
    const figure = line(scimFigures(result({ search })), "owner picker");
    expect(figure.pass).toBe(true);
    expect(figure.measured).toContain("NOT the identity tables");
    expect(figure.note).toContain("not yet backed by the identity tables");
    expect(figure.note).toContain("legacy directory (12 rows)");
  });

  it("fail a run with failed requests whatever their speed", () => {
    const users = { ...timed(50_000, 100, 8), failures: 3 };
    const figure = line(scimFigures(result({ users })), "SCIM: create 50,000 users");
    expect(figure.pass).toBe(false);
    expect(figure.measured).toContain("(3 failed)");
  });

  it("takes the nearest-rank percentile", () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([], 99)).toBe(0);
  });
});
