import { describe, expect, it } from "vitest";
import { likeText, wildcardLikePatterns } from "./wildcard.ts";

describe("wildcardLikePatterns", () => {
  it("follows Apono's * syntax", () => {
    expect(wildcardLikePatterns("prod")).toEqual(["prod"]);
    expect(wildcardLikePatterns("prod*")).toEqual(["prod%"]);
    expect(wildcardLikePatterns("*prod")).toEqual(["%prod"]);
    expect(wildcardLikePatterns("*prod*")).toEqual(["%prod%"]);
    expect(wildcardLikePatterns("a*b*c")).toEqual(["a%", "%c", "%b%"]);
    expect(wildcardLikePatterns("*")).toEqual([]);
  });

  it("treats LIKE wildcards as plain text", () => {
    expect(likeText("50%_off\\")).toBe("50\\%\\_off\\\\");
    expect(wildcardLikePatterns("a_b*")).toEqual(["a\\_b%"]);
    expect(wildcardLikePatterns("100%")).toEqual(["100\\%"]);
  });
});
