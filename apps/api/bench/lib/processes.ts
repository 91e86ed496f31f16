import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));

export type NodeChild = {
  child: ChildProcess;
  pid: number;
  /** Everything it printed so far (stdout and stderr), trimmed to the last 200 kB. */
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
};

/**
 * Runs a node entry point from the repository root, with an IPC channel when asked for one: a
 * TypeScript file through tsx (`node --import tsx <file>`, as `pnpm dev` does), a built .js file
 * (apps/api/dist, as `pnpm start` and `pnpm worker` run) on plain node.
 */
export function spawnNode(
  file: string,
  options: { env?: Record<string, string>; args?: string[]; nodeArgs?: string[]; ipc?: boolean } = {},
): NodeChild {
  const loader = file.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...loader, file, ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", ...options.env },
      stdio: options.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-200_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    pid: child.pid ?? 0,
    output: () => output,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once the child has printed something matching `pattern`; rejects if it exits first. */
export async function waitForOutput(spawned: NodeChild, pattern: RegExp, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(spawned.output())) {
    if (spawned.child.exitCode !== null) {
      throw new Error(`process exited (${spawned.child.exitCode}) before ${pattern}:\n${spawned.output()}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${spawned.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resident set size now and at its peak (kernel high-water mark), in bytes, from /proc. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS") * 1024, peak: kb("VmHWM") * 1024 };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the name).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * Resolves once a process has settled (under 10 % of a core over half a second): a freshly
 * started worker is still loading modules in the background for a moment.
 */
export async function waitForIdle(pid: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = cpuSecondsOf(pid) ?? 0;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuSecondsOf(pid) ?? 0;
    if (now - last < 0.05) return;
    last = now;
  }
}

/**
 * Samples a process's memory every `intervalMs` (the kernel keeps the true peak in VmHWM; the
 * samples give the curve, to see where the memory went).
 */
export function sampleMemory(pid: number, intervalMs = 500) {
  const samples: Array<{ at: number; rss: number }> = [];
  let peak = 0;
  const started = Date.now();
  const take = () => {
    const memory = memoryOf(pid);
    if (!memory) return;
    peak = Math.max(peak, memory.peak, memory.rss);
    samples.push({ at: Date.now() - started, rss: memory.rss });
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    stop() {
      take();
      clearInterval(timer);
      return { peakBytes: peak, samples };
    },
  };
}
