import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZDirectoryGroup } from "./directory-group.schema.ts";
import { ZDirectorySearchQuery } from "./directory-search-query.schema.ts";
import { ZDirectoryUser } from "./directory-user.schema.ts";
import { ZIdentityProvider } from "./identity-provider.schema.ts";

describe("directory shapes", () => {
  it("parse providers, users and groups", () => {
    expect(ZIdentityProvider.parse({ id: "okta", name: "Okta", type: "okta" })).toEqual({
      id: "okta",
      name: "Okta",
      type: "okta",
    });
    expect(ZDirectoryUser.parse({ id: "u", email: "a@b.co", name: "Ana", provider_id: "okta" })).toEqual({
      id: "u",
      email: "a@b.co",
      name: "Ana",
      provider_id: "okta",
    });
    expect(
      ZDirectoryGroup.parse({ id: "g", name: "Admins", provider_id: "okta", member_count: 3 }).member_count,
    ).toBe(3);
    expect(
      ZDirectoryGroup.safeParse({ id: "g", name: "Admins", provider_id: "okta", member_count: -1 }).success,
    ).toBe(false);
  });
});

describe("ZDirectorySearchQuery", () => {
  it("defaults the limit to 20 and trims the search", () => {
    expect(ZDirectorySearchQuery.parse({ attribute_type: "group", search: " adm " })).toEqual({
      attribute_type: "group",
      search: "adm",
      limit: 20,
    });
  });
  it("requires user or group", () => {
    expect(issuesOf(ZDirectorySearchQuery, {})).toEqual([
      { path: "attribute_type", message: "Select an attribute: user or group." },
    ]);
  });
  it("caps the limit at 100", () => {
    expect(issuesOf(ZDirectorySearchQuery, { attribute_type: "user", limit: "101" })).toEqual([
      { path: "limit", message: "limit must be a whole number from 1 to 100." },
    ]);
  });
});
