import type { ServerResponse } from "node:http";

// Tracks what a closing server must cut short: latency timers and requests left hanging
// on purpose by a fault.
export class Lifecycle {
  closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly hanging = new Set<ServerResponse>();

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  hang(res: ServerResponse, onEnd: () => void): void {
    this.hanging.add(res);
    res.on("close", () => {
      this.hanging.delete(res);
      onEnd();
    });
  }

  get hangingCount(): number {
    return this.hanging.size;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.hanging) res.socket?.destroy();
  }
}
