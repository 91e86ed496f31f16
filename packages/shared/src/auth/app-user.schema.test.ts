import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZAppUser, ZCreateAppUser } from "./app-user.schema.ts";

describe("ZCreateAppUser", () => {
  const valid = { email: "Ana@Example.com", role: "user", password: "correct horse" };
  it("accepts a user with a 12-character password", () => {
    expect(ZCreateAppUser.parse(valid)).toEqual({ ...valid, email: "ana@example.com" });
    expect(ZCreateAppUser.safeParse({ ...valid, password: "x".repeat(12) }).success).toBe(true);
  });
  it("requires passwords of at least 12 characters", () => {
    expect(issuesOf(ZCreateAppUser, { ...valid, password: "x".repeat(11) })).toEqual([
      { path: "password", message: "Password must be at least 12 characters." },
    ]);
    expect(issuesOf(ZCreateAppUser, { ...valid, password: undefined })).toEqual([
      { path: "password", message: "Enter a password." },
    ]);
  });
  it("requires a known role", () => {
    expect(issuesOf(ZCreateAppUser, { ...valid, role: "owner" })).toEqual([
      { path: "role", message: "Select a role: admin or user." },
    ]);
  });
});

describe("ZAppUser", () => {
  it("never carries the password hash", () => {
    expect(
      ZAppUser.parse({
        id: "u",
        email: "a@b.co",
        role: "admin",
        created_at: "2026-11-27T10:00:00.000Z",
        password_hash: "x",
      }),
    ).not.toHaveProperty("password_hash");
  });
});
