import { describe, expect, it } from "vitest";
import { USER_SCHEMA } from "./scim-constants.ts";
import { toListRequest } from "./scim-request.ts";

describe("list paging (RFC 7644 §3.4.2.4)", () => {
  it("defaults to startIndex 1 and 100 a page", () => {
    expect(toListRequest({}, USER_SCHEMA)).toMatchObject({ startIndex: 1, count: 100, filter: null });
  });

  it("takes startIndex below 1 as 1, a negative count as 0, and caps count at 1000", () => {
    expect(toListRequest({ startIndex: "0", count: "-5" }, USER_SCHEMA)).toMatchObject({
      startIndex: 1,
      count: 0,
    });
    expect(toListRequest({ startIndex: "-3", count: "5000" }, USER_SCHEMA)).toMatchObject({
      startIndex: 1,
      count: 1000,
    });
  });

  it("refuses non-integers as invalidValue", () => {
    expect(() => toListRequest({ count: "1.5" }, USER_SCHEMA)).toThrow(
      expect.objectContaining({ scimType: "invalidValue" }),
    );
    expect(() => toListRequest({ startIndex: "ten" }, USER_SCHEMA)).toThrow(
      expect.objectContaining({ scimType: "invalidValue" }),
    );
  });

  it("an empty filter is no filter", () => {
    expect(toListRequest({ filter: "  " }, USER_SCHEMA).filter).toBeNull();
  });
});
