import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";

/** moto_server: MOTO_SERVER, else on PATH, else pyenv's shim (where this project's machines have it). */
export function findMotoServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [
    env.MOTO_SERVER,
    ...(env.PATH ?? "").split(delimiter).map((dir) => join(dir, "moto_server")),
    "/root/.pyenv/shims/moto_server",
  ];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path as string));
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export type MotoServer = { url: string; close(): Promise<void> };

/** Starts moto_server on a free loopback port; resolves once it says it is listening. */
export async function startMotoServer(binary: string): Promise<MotoServer> {
  const port = await freeLoopbackPort();
  const child: ChildProcess = spawn(binary, ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true" },
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Werkzeug's banner: "Running on http://127.0.0.1:<port>".
      if (output.includes(`127.0.0.1:${port}`)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`moto_server exited (${code}) before listening:\n${output}`)),
    );
    child.once("error", reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
