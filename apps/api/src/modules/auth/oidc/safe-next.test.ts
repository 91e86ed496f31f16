import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next.ts";

describe("safeNextPath", () => {
  it("keeps paths of this site", () => {
    expect(safeNextPath("/portal")).toBe("/portal");
    expect(safeNextPath("/integrations/1?tab=owners#x")).toBe("/integrations/1?tab=owners#x");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "",
    undefined,
    "portal",
  ])("sends %s to /", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });
});
