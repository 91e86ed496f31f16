import { describe, expect, it } from "vitest";
import { isServerStopping } from "./queue.ts";

describe("job queue errors", () => {
  it("tells PostgreSQL stopping or restarting from real errors", () => {
    for (const code of ["57P01", "57P02", "57P03"]) expect(isServerStopping({ code })).toBe(true);
    for (const error of [{ code: "23505" }, { code: "08006" }, new Error("boom"), null, undefined, "57P01"]) {
      expect(isServerStopping(error)).toBe(false);
    }
  });
});
