import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZListIntegrationsQuery } from "./list-integrations-query.schema.ts";

describe("ZListIntegrationsQuery", () => {
  it("defaults the limit to 100", () => {
    expect(ZListIntegrationsQuery.parse({})).toEqual({ limit: 100 });
  });
  it("coerces the limit from the query string", () => {
    expect(ZListIntegrationsQuery.parse({ limit: "25" }).limit).toBe(25);
    expect(ZListIntegrationsQuery.parse({ limit: "1000" }).limit).toBe(1000);
  });
  it.each(["0", "1001", "abc", "2.5", ""])("rejects limit %j", (limit) => {
    expect(issuesOf(ZListIntegrationsQuery, { limit })).toEqual([
      { path: "limit", message: "limit must be a whole number from 1 to 1000." },
    ]);
  });
  it("turns single or repeated filters into arrays", () => {
    expect(
      ZListIntegrationsQuery.parse({
        name: "prod*",
        type: "aws-account",
        status: ["Active", "Error"],
        connector_id: "aws-connector-a",
        page_token: "t",
      }),
    ).toEqual({
      name: "prod*",
      type: ["aws-account"],
      status: ["Active", "Error"],
      connector_id: ["aws-connector-a"],
      limit: 100,
      page_token: "t",
    });
  });
  it("rejects unknown statuses", () => {
    expect(issuesOf(ZListIntegrationsQuery, { status: ["Active", "Broken"] })).toEqual([
      {
        path: "status.1",
        message: "Status must be one of: Initializing, Refreshing, Active, Warning, Error, Disabled.",
      },
    ]);
  });
  it("bounds filters and page tokens", () => {
    expect(issuesOf(ZListIntegrationsQuery, { name: "n".repeat(201) })).toEqual([
      { path: "name", message: "Filter values must be at most 200 characters." },
    ]);
    expect(issuesOf(ZListIntegrationsQuery, { type: Array.from({ length: 51 }, () => "x") })).toEqual([
      { path: "type", message: "Give at most 50 values for type." },
    ]);
    expect(issuesOf(ZListIntegrationsQuery, { page_token: "t".repeat(2049) })).toEqual([
      { path: "page_token", message: "page_token must be at most 2048 characters." },
    ]);
  });
  it("rejects filters that are not text", () => {
    expect(issuesOf(ZListIntegrationsQuery, { type: { a: 1 } })).toEqual([
      { path: "type", message: "Send type as text, once or repeated." },
    ]);
  });
});
