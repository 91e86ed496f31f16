import { describe, expect, it } from "vitest";
import { copyTextRow, pgTextArray } from "./copy-text.ts";

describe("COPY text rows", () => {
  it("separates fields with tabs, ends with a newline and writes NULL as \\N", () => {
    expect(copyTextRow(["a", null, ""])).toBe("a\t\\N\t\n");
  });

  it("escapes the backslash, tab, newline and carriage return inside a field", () => {
    expect(copyTextRow(["a\\b\tc\nd\re"])).toBe("a\\\\b\\tc\\nd\\re\n");
  });

  it("leaves every other character as it is", () => {
    expect(copyTextRow([`"quoted", {braces} 'single' ünïcode 🚀 \\N`])).toBe(
      `"quoted", {braces} 'single' ünïcode 🚀 \\\\N\n`,
    );
  });
});

describe("text[] literals", () => {
  it("quotes every element and escapes its quotes and backslashes", () => {
    expect(pgTextArray([])).toBe("{}");
    expect(pgTextArray(["a@x.dev", 'say "hi"', "back\\slash", "NULL", "a,b{c}"])).toBe(
      '{"a@x.dev","say \\"hi\\"","back\\\\slash","NULL","a,b{c}"}',
    );
  });
});
