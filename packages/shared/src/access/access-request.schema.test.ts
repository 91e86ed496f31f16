import { describe, expect, it } from "vitest";
import { issuesOf } from "../common/issues-of.test-helper.ts";
import {
  ZAccessRequestDecision,
  ZBulkRevokeAccessRequests,
  ZCreateAccessRequest,
  ZListAccessRequestsQuery,
} from "./access-request.schema.ts";

describe("ZCreateAccessRequest", () => {
  it("takes entitlements, justification and duration; custom_fields default to {}", () => {
    expect(
      ZCreateAccessRequest.parse({
        entitlements: [{ resource_id: "r1", permission_id: "assume" }],
        justification: "  incident 42 ",
        duration_in_sec: 3600,
      }),
    ).toEqual({
      entitlements: [{ resource_id: "r1", permission_id: "assume" }],
      justification: "incident 42",
      duration_in_sec: 3600,
      custom_fields: {},
    });
  });

  it("says which field is wrong and why", () => {
    expect(issuesOf(ZCreateAccessRequest, { entitlements: [], duration_in_sec: 5 })).toEqual(
      expect.arrayContaining([
        { path: "entitlements", message: "Select at least one resource and permission." },
        { path: "duration_in_sec", message: "duration_in_sec must be at least 60 (one minute)." },
      ]),
    );
    expect(issuesOf(ZCreateAccessRequest, { entitlements: [{ resource_id: "r" }] })).toEqual([
      { path: "entitlements.0.permission_id", message: "Select a permission." },
    ]);
  });
});

describe("ZAccessRequestDecision", () => {
  it("accepts no body, {} or a reason; a blank reason is none", () => {
    expect(ZAccessRequestDecision.parse(undefined)).toEqual({ reason: null });
    expect(ZAccessRequestDecision.parse({})).toEqual({ reason: null });
    expect(ZAccessRequestDecision.parse({ reason: "  " })).toEqual({ reason: null });
    expect(ZAccessRequestDecision.parse({ reason: "ok for the incident" })).toEqual({
      reason: "ok for the incident",
    });
    expect(issuesOf(ZAccessRequestDecision, { reason: "x".repeat(1001) })).toEqual([
      { path: "reason", message: "Reason must be at most 1000 characters." },
    ]);
  });
});

describe("list queries and bulk revoke", () => {
  it("statuses are given comma-separated or repeated, and checked", () => {
    expect(ZListAccessRequestsQuery.parse({ statuses: "PENDING,GRANTED" }).statuses).toEqual([
      "PENDING",
      "GRANTED",
    ]);
    expect(ZListAccessRequestsQuery.parse({ statuses: ["EXPIRED"] }).statuses).toEqual(["EXPIRED"]);
    expect(issuesOf(ZListAccessRequestsQuery, { statuses: "DONE" })[0]?.path).toBe("statuses.0");
  });
  it("bulk revoke needs at least one id", () => {
    expect(issuesOf(ZBulkRevokeAccessRequests, { request_ids: [] })).toEqual([
      { path: "request_ids", message: "Select at least one request." },
    ]);
  });
});
