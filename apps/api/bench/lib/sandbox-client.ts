import type { OrgSize } from "../suites/b1/scenario.ts";
import { type NodeChild, spawnNode } from "./processes.ts";
import type { CallSummary, FromSandbox, ToSandbox } from "./sandbox-messages.ts";

export type SandboxProcess = {
  url: string;
  credential: { accessKeyId: string; secretAccessKey: string };
  process: NodeChild;
  summary(excluded: readonly string[]): Promise<CallSummary>;
  reset(): Promise<void>;
  close(): Promise<void>;
};

/** Starts lib/sandbox-process.ts for an organization of `size`, and talks to it over IPC. */
export async function startSandboxProcess(size: OrgSize): Promise<SandboxProcess> {
  const child = spawnNode("apps/api/bench/lib/sandbox-process.ts", {
    args: [JSON.stringify(size)],
    ipc: true,
    // The call log of a 2,000-account run is a few hundred MB of small objects.
    nodeArgs: ["--max-old-space-size=4096"],
  });
  const next = <T extends FromSandbox["type"]>(type: T) =>
    new Promise<Extract<FromSandbox, { type: T }>>((resolve, reject) => {
      const onMessage = (message: FromSandbox) => {
        if (message.type !== type) return;
        cleanup();
        resolve(message as Extract<FromSandbox, { type: T }>);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`The sandbox process exited (${code}):\n${child.output()}`));
      };
      const cleanup = () => {
        child.child.off("message", onMessage);
        child.child.off("exit", onExit);
      };
      child.child.on("message", onMessage);
      child.child.once("exit", onExit);
    });
  const post = (message: ToSandbox) => child.child.send(message);
  const ready = await next("ready");
  return {
    url: ready.url,
    credential: { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey },
    process: child,
    async summary(excluded) {
      const answer = next("summary");
      post({ type: "summary", excluded: [...excluded] });
      return (await answer).summary;
    },
    async reset() {
      const answer = next("reset");
      post({ type: "reset" });
      await answer;
    },
    async close() {
      if (child.child.connected) post({ type: "close" });
      await child.stop(5000);
    },
  };
}
