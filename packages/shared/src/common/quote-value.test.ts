import { describe, expect, it } from "vitest";
import { isBlank, quoteValue } from "./quote-value.ts";

describe("quoteValue", () => {
  it("quotes short strings as JSON", () => {
    expect(quoteValue('a"b')).toBe('"a\\"b"');
  });
  it("truncates long strings so messages stay small", () => {
    const quoted = quoteValue("x".repeat(1_000_000));
    expect(quoted.length).toBeLessThan(50);
    expect(quoted.endsWith('…"')).toBe(true);
  });
  it("describes non-strings", () => {
    expect(quoteValue(null)).toBe("null");
    expect(quoteValue([1])).toBe("a list");
    expect(quoteValue({})).toBe("an object");
    expect(quoteValue(3)).toBe("3");
    expect(quoteValue(true)).toBe("true");
    expect(quoteValue(undefined)).toBe("undefined");
  });
});

describe("isBlank", () => {
  it("treats undefined, null and whitespace-only strings as blank", () => {
    expect(isBlank(undefined)).toBe(true);
    expect(isBlank(null)).toBe(true);
    expect(isBlank("  ")).toBe(true);
    expect(isBlank("a")).toBe(false);
    expect(isBlank(0)).toBe(false);
  });
});
