import { describe, expect, it } from "vitest";
import { messagesOf } from "../common/issues-of.test-helper.ts";
import {
  CUSTOM_ACCESS_DETAILS_MAX,
  CUSTOM_ACCESS_DETAILS_TITLE,
  countAccessDetailsCharacters,
  normaliseLineEndings,
  ZCustomAccessDetails,
} from "./custom-access-details.schema.ts";

const TOO_LONG = "Custom access details may be at most 400 characters. Shorten the text.";

describe("countAccessDetailsCharacters", () => {
  it("counts characters as the user sees them", () => {
    expect(countAccessDetailsCharacters("abc")).toBe(3);
    expect(countAccessDetailsCharacters("👍🏽")).toBe(1);
    expect(countAccessDetailsCharacters("👨‍👩‍👧‍👦")).toBe(1);
    expect(countAccessDetailsCharacters("🇮🇱")).toBe(1);
    expect(countAccessDetailsCharacters("e\u0301")).toBe(1);
    expect(countAccessDetailsCharacters("")).toBe(0);
  });
  it("counts a line break once, whatever its encoding", () => {
    expect(countAccessDetailsCharacters("a\r\nb")).toBe(3);
    expect(countAccessDetailsCharacters("a\rb")).toBe(3);
    expect(countAccessDetailsCharacters("a\nb")).toBe(3);
  });
  it("normalises line endings", () => {
    expect(normaliseLineEndings("a\r\nb\rc\nd")).toBe("a\nb\nc\nd");
  });
  it("exports the limit and the portal title", () => {
    expect(CUSTOM_ACCESS_DETAILS_MAX).toBe(400);
    expect(CUSTOM_ACCESS_DETAILS_TITLE).toBe("Message from your admin");
  });
});

describe("ZCustomAccessDetails", () => {
  it("is optional and nullable", () => {
    expect(ZCustomAccessDetails.parse(undefined)).toBeUndefined();
    expect(ZCustomAccessDetails.parse(null)).toBeNull();
  });
  it("turns empty or whitespace-only text into null", () => {
    expect(ZCustomAccessDetails.parse("")).toBeNull();
    expect(ZCustomAccessDetails.parse(" \r\n ")).toBeNull();
  });
  it("normalises line endings in the output", () => {
    expect(ZCustomAccessDetails.parse("Connect to the VPN.\r\nThen sign in.")).toBe(
      "Connect to the VPN.\nThen sign in.",
    );
  });
  it("accepts exactly 400 characters and rejects 401", () => {
    expect(ZCustomAccessDetails.parse("a".repeat(400))).toHaveLength(400);
    expect(messagesOf(ZCustomAccessDetails, "a".repeat(401))).toEqual([TOO_LONG]);
  });
  it("counts emoji as one character each", () => {
    const emoji = "👍🏽".repeat(400); // 1,600 UTF-16 code units
    expect(ZCustomAccessDetails.safeParse(emoji).success).toBe(true);
    expect(messagesOf(ZCustomAccessDetails, `${emoji}!`)).toEqual([TOO_LONG]);
  });
  it("counts CRLF line breaks once", () => {
    const text = `${"a".repeat(199)}\r\n${"b".repeat(200)}`; // 400 once normalised
    expect(ZCustomAccessDetails.safeParse(text).success).toBe(true);
  });
  it("rejects a huge text cheaply, with the same message", () => {
    const started = performance.now();
    expect(messagesOf(ZCustomAccessDetails, "x".repeat(5_000_000))).toEqual([TOO_LONG]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
  it("rejects non-strings", () => {
    expect(messagesOf(ZCustomAccessDetails, 5)).toEqual(["Send custom access details as a string."]);
  });
});
