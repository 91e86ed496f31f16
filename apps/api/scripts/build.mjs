// Builds the API for production: `pnpm start` and `pnpm worker` run apps/api/dist/*.js on plain
// node. Running the TypeScript through tsx costs every process ~50 MB of RSS (tsx's module-loader
// thread) and a transpile on each start; the worker's memory goal (≤ 300 MB) cannot afford it.
//
// npm packages stay external (node loads them from node_modules, as in development); our own
// TypeScript is bundled: apps/api/src, the workspace packages (@portcullis/shared, aws-sandbox,
// whose package.json points at .ts sources) and the generated Prisma client.
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const apiDir = fileURLToPath(new URL("..", import.meta.url));
const outdir = fileURLToPath(new URL("../dist", import.meta.url));

// Every process `pnpm start` / `pnpm worker` launches. The worker's SDK clients are imported
// lazily with import() of npm packages, which stay external, so they need no entries of their own.
const ENTRY_POINTS = ["src/main.ts", "src/worker-main.ts"];

const WORKSPACE_PACKAGE = "@portcullis/";

/** @type {import("esbuild").Plugin} */
const keepNpmPackagesExternal = {
  name: "keep-npm-packages-external",
  setup(build) {
    // Bare specifiers (not relative or absolute paths): npm packages and node's built-ins.
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith(WORKSPACE_PACKAGE) ? undefined : { path: args.path, external: true },
    );
  },
};

// Modules find files beside their source with `new URL("../x", import.meta.url)`: prisma/
// (migrations), apps/web/dist, the sandbox's scenarios/demo.json, the generated Prisma client's
// folder. In a bundle import.meta.url would name dist/main.js and every such path would move;
// this gives each module back its own source file's URL, relative to the bundle, so those paths
// resolve exactly as under tsx wherever the repository sits.
/** @type {import("esbuild").Plugin} */
const keepSourceImportMetaUrl = {
  name: "keep-source-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return { contents: source, loader: "ts" };
      const fromBundle = relative(outdir, args.path).split("\\").join("/");
      const sourceUrl = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: source.replaceAll("import.meta.url", sourceUrl), loader: "ts" };
    });
  },
};

const started = Date.now();
await build({
  absWorkingDir: apiDir,
  entryPoints: ENTRY_POINTS,
  outdir,
  outbase: "src",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Stack traces name the .ts files and lines (run with --enable-source-maps). The sources are in
  // the repository, so the maps leave them out: smaller maps for node to parse at start-up.
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
  plugins: [keepNpmPackagesExternal, keepSourceImportMetaUrl],
});
console.log(`Built ${relative(process.cwd(), outdir) || "."} in ${Date.now() - started} ms`);
