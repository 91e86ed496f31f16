import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZLoginBody } from "./login.schema.ts";
import { ZMe } from "./me.schema.ts";

describe("ZLoginBody", () => {
  it("trims and lowercases the email, keeps the password as typed", () => {
    expect(ZLoginBody.parse({ email: "  Ana@Example.COM ", password: " secret " })).toEqual({
      email: "ana@example.com",
      password: " secret ",
    });
  });
  it("asks for both fields", () => {
    expect(issuesOf(ZLoginBody, {})).toEqual([
      { path: "email", message: "Enter your email address." },
      { path: "password", message: "Enter your password." },
    ]);
    expect(issuesOf(ZLoginBody, { email: " ", password: "" })).toEqual([
      { path: "email", message: "Enter your email address." },
      { path: "password", message: "Enter your password." },
    ]);
  });
  it("rejects an invalid email", () => {
    expect(issuesOf(ZLoginBody, { email: "ana", password: "x" })).toEqual([
      { path: "email", message: "Enter a valid email address, such as name@example.com." },
    ]);
  });
  it("bounds the lengths", () => {
    expect(
      issuesOf(ZLoginBody, { email: `${"a".repeat(250)}@example.com`, password: "p".repeat(1025) }),
    ).toEqual([
      { path: "email", message: "Email address must be at most 254 characters." },
      { path: "password", message: "Password must be at most 1024 characters." },
    ]);
  });
  it("rejects unknown fields", () => {
    expect(issuesOf(ZLoginBody, { email: "a@b.co", password: "x", remember: true })).toEqual([
      { path: "", message: 'Remove the field "remember": it is not part of a sign-in request.' },
    ]);
  });
});

describe("ZMe", () => {
  it("has id, email and role", () => {
    expect(ZMe.parse({ id: "u", email: "a@b.co", role: "admin", password_hash: "x" })).toEqual({
      id: "u",
      email: "a@b.co",
      role: "admin",
    });
    expect(ZMe.safeParse({ id: "u", email: "a@b.co", role: "root" }).success).toBe(false);
  });
});
