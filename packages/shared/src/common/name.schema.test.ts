import { describe, expect, it } from "vitest";
import { NAME_MESSAGES, ZName } from "./name.schema.ts";

const messages = (input: unknown) => ZName.safeParse(input).error?.issues.map((i) => i.message);

describe("ZName", () => {
  it("accepts letters, digits, spaces, '-', '_' and '.' and trims", () => {
    expect(ZName.parse("  Prod AWS_account-1.0  ")).toBe("Prod AWS_account-1.0");
  });
  it("requires a name", () => {
    expect(messages(undefined)).toEqual([NAME_MESSAGES.required]);
    expect(messages("")).toEqual([NAME_MESSAGES.required]);
    expect(messages("   ")).toEqual([NAME_MESSAGES.required]);
    expect(NAME_MESSAGES.required).toBe("Enter a name.");
  });
  it("rejects non-strings", () => {
    expect(messages(42)).toEqual(["Send the name as a string."]);
    expect(messages(null)).toEqual(["Send the name as a string."]);
  });
  it("allows exactly 100 characters and rejects 101", () => {
    expect(ZName.safeParse("a".repeat(100)).success).toBe(true);
    expect(messages("a".repeat(101))).toEqual(["Name must be at most 100 characters."]);
  });
  it("reports a huge string as too long, once, without crashing", () => {
    expect(messages("!".repeat(5_000_000))).toEqual(["Name must be at most 100 characters."]);
  });
  it.each(["prod/aws", "prod@aws", "prod*", "émile", "tab\tname", "a\nb"])("rejects %j", (name) => {
    expect(messages(name)).toEqual(["Name may contain only letters, digits, spaces, '-', '_' and '.'"]);
  });
});
