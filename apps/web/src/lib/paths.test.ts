import { describe, expect, it } from "vitest";
import { safeNextPath } from "./paths.ts";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeNextPath("/connected")).toBe("/connected");
    expect(safeNextPath("/integrations/abc?tab=resources#top")).toBe("/integrations/abc?tab=resources#top");
  });

  it("refuses anything that could leave the site or loop back to sign-in", () => {
    const refused = [
      null,
      "",
      "connected",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      " /connected",
      "/%09/ok-but-\u0000",
      "/connected\\..\\..\\evil",
      "https://evil.example",
      "javascript:alert(1)",
      "/sign-in",
      "/sign-in?next=%2Fconnected",
    ];
    for (const value of refused) expect(safeNextPath(value), JSON.stringify(value)).toBeNull();
  });
});
