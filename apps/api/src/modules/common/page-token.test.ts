import { describe, expect, it } from "vitest";
import { decodePageToken, encodePageToken, pageTokenDate } from "./page-token.ts";

describe("page tokens", () => {
  it("round-trip the key of the last row", () => {
    const token = encodePageToken(["2026-01-01T00:00:00.000Z", "id-1"]);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, 2)).toEqual(["2026-01-01T00:00:00.000Z", "id-1"]);
  });

  it("refuse tokens they did not make, as a 400 on page_token", () => {
    const foreign = [
      "not base64 at all!",
      encodePageToken(["only one"]),
      Buffer.from('{"a":1}').toString("base64url"),
      Buffer.from("[1,2]").toString("base64url"),
      encodePageToken(["x".repeat(600), "y"]),
      // Text PostgreSQL cannot hold: a NUL (the issue's `WyJcdTAwMDAiXQ` is ["\u0000"]), lone surrogates.
      encodePageToken(["a\u0000b", "y"]),
      encodePageToken(["\ud800", "y"]),
      encodePageToken(["x", "\udc00"]),
    ];
    for (const token of foreign) {
      expect(() => decodePageToken(token, 2)).toThrow(expect.objectContaining({ statusCode: 400 }));
    }
    expect(() => decodePageToken("WyJcdTAwMDAiXQ", 1)).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(decodePageToken(encodePageToken(["emoji 🙂"]), 1)).toEqual(["emoji 🙂"]);
    for (const date of [
      "-271821-04-20T00:00:00.000Z",
      "+275760-09-13T00:00:00.000Z",
      "2026-01-01",
      "2026-02-30T00:00:00.000Z",
    ]) {
      expect(() => pageTokenDate(date), date).toThrow(expect.objectContaining({ statusCode: 400 }));
    }
    expect(pageTokenDate("2026-01-01T00:00:00.000Z").toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(() => pageTokenDate("yesterday")).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: "page_token" })] }),
    );
  });
});
