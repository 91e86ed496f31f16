import { describe, expect, it } from "vitest";
import { cliProfileSnippet } from "./portal.mapper.ts";

describe("cliProfileSnippet", () => {
  it("is an ~/.aws/config profile block", () => {
    expect(cliProfileSnippet("apono", "us-east-1")).toBe(
      "[profile apono]\nregion = us-east-1\noutput = json\n",
    );
  });
});
