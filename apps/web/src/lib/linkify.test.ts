import { describe, expect, it } from "vitest";
import { linkify, safeHttpsHref } from "./linkify.ts";

describe("linkify", () => {
  it("keeps plain text as one text segment", () => {
    expect(linkify("Ask #platform for access.")).toEqual([
      { kind: "text", text: "Ask #platform for access." },
    ]);
  });

  it("finds https links and leaves sentence punctuation outside", () => {
    expect(linkify("See https://wiki.example.com/aws. Then ask.")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://wiki.example.com/aws", href: "https://wiki.example.com/aws" },
      { kind: "text", text: ". Then ask." },
    ]);
  });

  it("keeps a closing parenthesis that belongs to the URL", () => {
    const segments = linkify("(see https://en.wikipedia.org/wiki/Foo_(bar))");
    expect(segments[1]).toEqual({
      kind: "link",
      text: "https://en.wikipedia.org/wiki/Foo_(bar)",
      href: "https://en.wikipedia.org/wiki/Foo_(bar)",
    });
    expect(segments[2]).toEqual({ kind: "text", text: ")" });
  });

  it("does not link other schemes", () => {
    for (const text of [
      "http://example.com",
      "javascript:alert(1)",
      "data:text/html,<b>x</b>",
      "ftp://x.y",
    ]) {
      expect(linkify(text)).toEqual([{ kind: "text", text }]);
    }
  });

  it("treats markup as text", () => {
    const payload = '<img src=x onerror=alert(1)> <a href="https://evil.example">x</a>';
    const segments = linkify(payload);
    expect(segments.map((segment) => segment.text).join("")).toBe(payload);
    // The quote ends the URL, so the attribute cannot smuggle markup into the href.
    expect(segments.filter((segment) => segment.kind === "link")).toEqual([
      { kind: "link", text: "https://evil.example", href: "https://evil.example/" },
    ]);
  });

  it("round-trips any text", () => {
    const samples = [
      "",
      "https://",
      "a https://x.io/b?c=d&e=f#g, b",
      "line 1\nhttps://a.b\nline 3",
      "HTTPS://A.B",
    ];
    for (const text of samples)
      expect(
        linkify(text)
          .map((segment) => segment.text)
          .join(""),
      ).toBe(text);
  });
});

describe("safeHttpsHref", () => {
  it("accepts https URLs with a host only", () => {
    expect(safeHttpsHref("https://example.com/x")).toBe("https://example.com/x");
    expect(safeHttpsHref("https://user:pw@example.com")).toBeNull();
    expect(safeHttpsHref("http://example.com")).toBeNull();
    expect(safeHttpsHref("not a url")).toBeNull();
  });
});
