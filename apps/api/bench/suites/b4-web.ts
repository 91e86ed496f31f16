import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import type { BenchPostgres } from "../lib/postgres.ts";
import { REPO_ROOT, spawnNode, waitForOutput } from "../lib/processes.ts";

export type BundleResult = {
  /** null: an up-to-date apps/web/dist was measured (`--quick`). */
  buildSeconds: number | null;
  initialKb: number;
  initialFiles: number;
  routes: Array<{ route: string; kb: number; files: number }>;
};

export type UiResult = {
  /** Confirm clicked → the new integration's row visible on the Connected tab. */
  confirmToRowMs: number;
  /** Confirm clicked → the row shows Active (the first fetch against the demo sandbox). */
  confirmToActiveMs: number | null;
};

type ManifestChunk = { file: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[] };

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * apps/web/dist, if there is one, and whether it was built after the latest change to the web
 * app's sources (and the shared package it bundles): `--quick` measures it rather than spend
 * half its minute on a build.
 */
export function existingWebDist(): { dir: string; upToDate: boolean } | null {
  const dist = join(REPO_ROOT, "apps/web/dist");
  const manifest = join(dist, ".vite/manifest.json");
  if (!existsSync(manifest)) return null;
  const sources = [
    "apps/web/src",
    "apps/web/index.html",
    "apps/web/vite.config.ts",
    "apps/web/public",
    "packages/shared/src",
  ];
  const newest = Math.max(
    ...sources
      .map((path) => join(REPO_ROOT, path))
      .filter(existsSync)
      .map(newestMtime),
  );
  return { dir: dist, upToDate: statSync(manifest).mtimeMs > newest };
}

/** Builds the web app with Vite into `outDir` (not apps/web/dist, which e2e runs may be serving). */
export async function buildWeb(outDir: string): Promise<number> {
  const started = performance.now();
  const vite = join(REPO_ROOT, "apps/web/node_modules/vite/bin/vite.js");
  const { spawn } = await import("node:child_process");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
      {
        cwd: join(REPO_ROOT, "apps/web"),
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let errors = "";
    child.stderr?.on("data", (chunk) => {
      errors += chunk;
    });
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${errors}`)),
    );
  });
  return (performance.now() - started) / 1000;
}

/**
 * Gzipped size of the JavaScript the browser loads first (the entry and its static imports), and
 * of each page: its chunk plus the shared chunks the first load lacks (as `pnpm --filter
 * @portcullis/web size` reports it).
 */
export function bundleSizes(outDir: string, buildSeconds: number | null): BundleResult {
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
  const gzipKb = new Map<string, number>();
  const kb = (file: string) => {
    if (!gzipKb.has(file))
      gzipKb.set(file, gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length / 1024);
    return gzipKb.get(file)!;
  };
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) closure(imported, seen);
    return seen;
  };
  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + kb(file), 0);
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
  const initial = closure(entry);
  const routes = Object.entries(manifest)
    .filter(([key, chunk]) => chunk.isDynamicEntry && /\/routes\//.test(key))
    .map(([key]) => {
      const own = [...closure(key)].filter((file) => !initial.has(file));
      return {
        route: key.replace(/^src\/features\//, "").replace(/\.tsx$/, ""),
        kb: sum(own),
        files: own.length,
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
  return { buildSeconds, initialKb: sum(initial), initialFiles: initial.size, routes };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const ADMIN = { email: "admin@bench.test", password: "bench-admin-password-123" };
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The built app as `pnpm start` runs it (the demo AWS sandbox standing in for AWS), driven by
 * Chromium through the Amazon Account wizard; times Confirm → the new row on the Connected tab.
 * Reported, not asserted.
 */
export async function timeWizard(postgres: BenchPostgres, webDist: string): Promise<UiResult> {
  const { chromium } = await import("@playwright/test");
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "portcullis-bench-web-"));
  const app = spawnNode("apps/api/src/main.ts", {
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: await postgres.createDatabase("b4"),
      WEB_DIST_DIR: webDist,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: "warn",
      SANDBOX: "1",
    },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    await waitForOutput(app, /Portcullis is running at/);
    const baseURL = `http://127.0.0.1:${port}`;
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const login = await page.request.post("/api/auth/login", { data: ADMIN });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);

    await page.goto("/catalog/aws/aws-account");
    const step = (id: string) => page.getByTestId(`wizard-panel-${id}`);
    const next = () => page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByRole("checkbox", { name: "IAM role" }).check();
    await page.getByRole("checkbox", { name: "S3 bucket" }).check();
    await next();
    await page.getByRole("combobox", { name: "Connector" }).click();
    await page
      .getByRole("option", { name: /AWS sandbox \(demo\)/ })
      .first()
      .click();
    await next();
    const config = step("integration-config");
    await config.getByRole("textbox", { name: /Integration Name/ }).fill(`bench-${Date.now().toString(36)}`);
    const region = config.getByRole("combobox", { name: /Region/ });
    await region.click();
    await region.fill("us-east-1");
    await page
      .getByRole("option", { name: /us-east-1/ })
      .first()
      .click();
    await next();
    await step("get-more").waitFor();
    await next();
    const confirm = step("confirm").getByRole("button", { name: "Confirm" });
    await confirm.waitFor();
    const created = page.waitForResponse(
      (response) =>
        response.url().endsWith("/api/admin/v4/integrations") && response.request().method() === "POST",
    );
    const started = performance.now();
    await confirm.click();
    const response = await created;
    if (response.status() !== 201)
      throw new Error(`create answered ${response.status()}: ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    const row = page.locator(`[data-integration-id="${id}"]`);
    await row.waitFor({ state: "visible" });
    const confirmToRowMs = performance.now() - started;
    let confirmToActiveMs: number | null = null;
    try {
      await row.getByTestId("integration-status").filter({ hasText: "Active" }).waitFor({ timeout: 60_000 });
      confirmToActiveMs = performance.now() - started;
    } catch {
      confirmToActiveMs = null;
    }
    await context.close();
    return { confirmToRowMs, confirmToActiveMs };
  } finally {
    await browser.close();
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
