import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZApiToken, ZCreateApiToken, ZCreatedApiToken } from "./api-token.schema.ts";

const EXPIRY =
  "Expiry must be a whole number of days from 1 to 365, or empty for a token that does not expire.";

describe("ZCreateApiToken", () => {
  it("accepts a name and an optional expiry as number or text", () => {
    expect(ZCreateApiToken.parse({ name: "CI token" })).toEqual({ name: "CI token" });
    expect(ZCreateApiToken.parse({ name: "CI", expires_in_days: 30 })).toEqual({
      name: "CI",
      expires_in_days: 30,
    });
    expect(ZCreateApiToken.parse({ name: "CI", expires_in_days: " 90 " }).expires_in_days).toBe(90);
    expect(ZCreateApiToken.parse({ name: "CI", expires_in_days: "" }).expires_in_days).toBeUndefined();
    expect(ZCreateApiToken.parse({ name: "CI", expires_in_days: null }).expires_in_days).toBeUndefined();
  });
  it.each([0, 366, 1.5, "abc", "-1", "1e2", true])("rejects expiry %j", (expires_in_days) => {
    expect(issuesOf(ZCreateApiToken, { name: "CI", expires_in_days })).toEqual([
      { path: "expires_in_days", message: EXPIRY },
    ]);
  });
  it("applies the naming rule", () => {
    expect(issuesOf(ZCreateApiToken, { name: "" })).toEqual([{ path: "name", message: "Enter a name." }]);
  });
});

describe("ZApiToken / ZCreatedApiToken", () => {
  const token = {
    id: "t-1",
    name: "CI",
    prefix: "pc_ab12",
    created_at: "2026-11-27T10:00:00.000Z",
    last_used_at: null,
    expires_at: null,
  };
  it("lists tokens without the secret", () => {
    expect(ZApiToken.parse({ ...token, token: "pc_ab12…", token_hash: "h" })).toEqual(token);
  });
  it("returns the secret once, on creation", () => {
    expect(ZCreatedApiToken.parse({ ...token, token: "pc_ab12secret" }).token).toBe("pc_ab12secret");
    expect(ZCreatedApiToken.safeParse(token).success).toBe(false);
  });
});
