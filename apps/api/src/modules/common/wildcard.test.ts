import { describe, expect, it } from "vitest";
import { likeText, wildcardConditions } from "./wildcard.ts";

const mode = "insensitive";

describe("wildcardConditions", () => {
  it("follows Apono's * syntax", () => {
    expect(wildcardConditions("name", "prod")).toEqual([{ name: { equals: "prod", mode } }]);
    expect(wildcardConditions("name", "prod*")).toEqual([{ name: { startsWith: "prod", mode } }]);
    expect(wildcardConditions("name", "*prod")).toEqual([{ name: { endsWith: "prod", mode } }]);
    expect(wildcardConditions("name", "*prod*")).toEqual([{ name: { contains: "prod", mode } }]);
    expect(wildcardConditions("name", "a*b*c")).toEqual([
      { name: { startsWith: "a", mode } },
      { name: { endsWith: "c", mode } },
      { name: { contains: "b", mode } },
    ]);
    expect(wildcardConditions("name", "*")).toEqual([]);
  });

  it("treats LIKE wildcards as plain text", () => {
    expect(likeText("50%_off\\")).toBe("50\\%\\_off\\\\");
    expect(wildcardConditions("type", "a_b*")).toEqual([{ type: { startsWith: "a\\_b", mode } }]);
  });
});
