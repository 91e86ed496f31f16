import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZListResourcesQuery } from "./list-resources-query.schema.ts";
import { type TResourceV3, ZResourceListV3, ZResourceV3 } from "./resource.schema.ts";

const resource: TResourceV3 = {
  id: "7c0e0f57-3f1a-4d52-8b53-0d0f4b1e2a3c",
  name: "payments-prod",
  type: "aws-account-s3-bucket",
  status: { status: "Active", message: null },
  portcullis: {
    external_id: "arn:aws:s3:::payments-prod",
    account_id: "123456789012",
    region: "eu-west-1",
    tags: { owner: "payments-team" },
    owners: ["payments-team"],
    owner_source: "tag",
    first_seen: "2026-11-27T10:00:00.000Z",
    last_seen: "2026-11-27T11:00:00.000Z",
  },
};

describe("ZResourceV3", () => {
  it("accepts a resource and drops unlisted fields", () => {
    expect(ZResourceV3.parse({ ...resource, metadata: { secret: 1 }, scope_key: "x" })).toEqual(resource);
  });
  it("accepts global resources without region and any owner source", () => {
    for (const owner_source of ["tag", "fallback", "none"] as const) {
      expect(
        ZResourceV3.safeParse({
          ...resource,
          portcullis: { ...resource.portcullis, region: null, owner_source },
        }).success,
      ).toBe(true);
    }
  });
  it("rejects non-string tag values", () => {
    expect(
      ZResourceV3.safeParse({ ...resource, portcullis: { ...resource.portcullis, tags: { a: 1 } } }).success,
    ).toBe(false);
  });
  it("lists resources with offset pagination and a cursor", () => {
    const list = { data: [resource], pagination: { total: 1, limit: 100, offset: 0, next_page_token: null } };
    expect(ZResourceListV3.parse(list)).toEqual(list);
  });
});

describe("ZListResourcesQuery", () => {
  it("accepts the published resource-type filter, search and paging", () => {
    expect(
      ZListResourcesQuery.parse({
        "resource-type": "aws-account-s3-bucket",
        search: " pay ",
        limit: "10",
        page_token: "t",
      }),
    ).toEqual({ "resource-type": "aws-account-s3-bucket", search: "pay", limit: 10, page_token: "t" });
    expect(ZListResourcesQuery.parse({})).toEqual({ limit: 100 });
  });
  it("bounds its values", () => {
    expect(issuesOf(ZListResourcesQuery, { search: "s".repeat(201) })).toEqual([
      { path: "search", message: "Search text must be at most 200 characters." },
    ]);
    expect(issuesOf(ZListResourcesQuery, { "resource-type": "r".repeat(201) })).toEqual([
      { path: "resource-type", message: "resource-type must be at most 200 characters." },
    ]);
    expect(issuesOf(ZListResourcesQuery, { limit: "5000" })).toEqual([
      { path: "limit", message: "limit must be a whole number from 1 to 1000." },
    ]);
  });
});
