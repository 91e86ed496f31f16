import { describe, expect, it } from "vitest";
import { DEFAULT_JOB_TIMING, loadJobTiming } from "./job-timing.ts";

describe("job timing", () => {
  it("takes a worker for dead after 20 s without a heartbeat (every 5 s) unless told otherwise", () => {
    expect(loadJobTiming({})).toMatchObject({ workerHeartbeatSeconds: 5, workerDeadAfterSeconds: 20 });
    expect(loadJobTiming({ WORKER_HEARTBEAT_SECONDS: "2", WORKER_DEAD_AFTER_SECONDS: "6" })).toMatchObject({
      workerHeartbeatSeconds: 2,
      workerDeadAfterSeconds: 6,
    });
    expect(DEFAULT_JOB_TIMING.workerDeadAfterSeconds).toBeLessThan(60);
  });

  it("refuses a threshold shorter than two heartbeats, naming the variable", () => {
    expect(() => loadJobTiming({ WORKER_DEAD_AFTER_SECONDS: "9" })).toThrow(
      /WORKER_DEAD_AFTER_SECONDS: must be at least twice WORKER_HEARTBEAT_SECONDS \(5\)/,
    );
    expect(() => loadJobTiming({ WORKER_HEARTBEAT_SECONDS: "0" })).toThrow(/WORKER_HEARTBEAT_SECONDS/);
  });
});
