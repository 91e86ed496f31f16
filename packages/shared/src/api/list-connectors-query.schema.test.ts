import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import { ZListConnectorsQuery } from "./list-connectors-query.schema.ts";

describe("ZListConnectorsQuery", () => {
  it("accepts statuses and defaults the limit", () => {
    expect(ZListConnectorsQuery.parse({ status: "CONNECTED" })).toEqual({
      status: ["CONNECTED"],
      limit: 100,
    });
  });
  it("rejects unknown statuses", () => {
    expect(issuesOf(ZListConnectorsQuery, { status: "UP" })).toEqual([
      { path: "status.0", message: "Status must be CONNECTED, PENDING or DISCONNECTED." },
    ]);
  });
});
