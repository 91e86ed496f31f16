import { describe, expect, it } from "vitest";
import { isServerStopping, queueErrorLogger } from "./queue-error-logger.ts";

describe("job queue errors", () => {
  it("tells PostgreSQL stopping or restarting from real errors", () => {
    for (const code of ["57P01", "57P02", "57P03"]) expect(isServerStopping({ code })).toBe(true);
    for (const error of [{ code: "23505" }, { code: "08006" }, new Error("boom"), null, undefined, "57P01"]) {
      expect(isServerStopping(error)).toBe(false);
    }
  });

  it("logs a stopping server's burst of connection errors as one warning, and every other error", () => {
    const lines: string[] = [];
    const logger = {
      warn: (_: object, message: string) => {
        lines.push(`warn ${message}`);
      },
      debug: (_: object, message: string) => {
        lines.push(`debug ${message}`);
      },
      error: (_: object, message: string) => {
        lines.push(`error ${message}`);
      },
    };
    let clock = 0;
    const log = queueErrorLogger(logger, () => clock);
    for (let connection = 0; connection < 4; connection++) log({ code: "57P01" });
    log(new Error("boom"));
    clock += 10_000;
    log({ code: "57P03" });
    expect(lines.map((line) => line.split(" ")[0])).toEqual([
      "warn",
      "debug",
      "debug",
      "debug",
      "error",
      "warn",
    ]);
    expect(lines[0]).toMatch(/PostgreSQL is stopping or restarting/);
    expect(lines[4]).toBe("error job queue error");
  });
});
