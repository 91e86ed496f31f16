import { describe, expect, it } from "vitest";
import { findNul } from "./text-guard.ts";

describe("findNul", () => {
  it("finds the path of a NUL character in values and keys", () => {
    expect(findNul({ a: ["ok", { b: "x\u0000" }] })).toBe("a.1.b");
    expect(findNul({ config: { "k\u0000": "v" } })).toBe("config");
    expect(findNul("\u0000")).toBe("");
    expect(findNul({ a: "fine", b: [1, null, true] })).toBeNull();
  });

  it("copes with very deep nesting", () => {
    let deep: unknown = "x\u0000";
    for (let depth = 0; depth < 100_000; depth += 1) deep = [deep];
    expect(findNul(deep)).toMatch(/^0(\.0)+$/);
  });
});
