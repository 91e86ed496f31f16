import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Shutdown } from "./shutdown.ts";

let removeHandlers: () => void = () => {};
afterEach(() => removeHandlers());

/** A shutdown whose one step waits until released, with a clock the test moves. */
function setUp() {
  const shutdown = new Shutdown(pino({ level: "silent" }));
  let release: () => void = () => {};
  const step = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
  shutdown.add("step", step);
  const exit = vi.fn();
  const clock = { now: 1_000_000 };
  removeHandlers = shutdown.onSignals(exit, () => clock.now);
  return { step, exit, clock, release: () => release() };
}

describe("stopping on signals", () => {
  it("takes a signal and its echo within a second as one stop, and stops in order", async () => {
    const { step, exit, clock, release } = setUp();
    process.emit("SIGINT");
    clock.now += 30; // Ctrl-C forwarded by pnpm, a moment later
    process.emit("SIGINT");
    process.emit("SIGTERM");
    expect(exit).not.toHaveBeenCalled();
    expect(step).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it("exits at once on a second signal given later, while the stop is still running", () => {
    const { exit, clock } = setUp();
    process.emit("SIGTERM");
    clock.now += 2_000;
    process.emit("SIGINT");
    expect(exit).toHaveBeenCalledWith(130);
  });
});
