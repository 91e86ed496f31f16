import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { withWholeScripts } from "./whole-script-adapter.ts";

type Bindings = typeof wasmBindings & { __wbg_set_wasm(exports: unknown): void };
export type SchemaEngine = wasmBindings.SchemaEngine;

// @types/node does not declare the WebAssembly global for lib ES2023 projects; this is its shape.
type WasmApi = {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let ready: Promise<void> | undefined;

// The package's main entry imports the .wasm file bundler-style, which Node's ESM loader
// refuses, so the glue module is loaded directly and the module instantiated by hand.
function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(join(dirname(glue), "schema_engine_bg.wasm"));
    const bindings = wasmBindings as Bindings;
    const { instance } = await wasm.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return ready;
}

/**
 * Runs `work` with Prisma's own schema engine (WebAssembly), talking to PostgreSQL through the pg
 * driver adapter. The pool is ours and is ended afterwards: the engine takes session-level advisory
 * locks, and a pooled connection left open would keep holding them.
 */
export async function withSchemaEngine<T>(
  connectionString: string,
  schema: { path: string; content: string },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const pool = new pg.Pool({ connectionString, max: 2 });
  try {
    // The engine calls the adapter's methods detached from their object; the bound factory survives that.
    const adapter = bindMigrationAwareSqlAdapterFactory(withWholeScripts(new PrismaPg(pool)));
    const engine = await wasmBindings.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      () => {},
      adapter,
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } finally {
    await pool.end();
  }
}
