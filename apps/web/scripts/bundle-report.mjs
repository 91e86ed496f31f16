// Gzipped size of the JavaScript the browser loads first (the entry and everything it imports
// statically) and of each page chunk (its own code plus shared chunks the first load lacks).
// Reads the Vite manifest of `vite build`; fails when the first load exceeds the budget.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 200;
const dist = fileURLToPath(new URL("../dist", import.meta.url));
const manifest = JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8"));

const gz = new Map();
const gzipKb = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024);
  return gz.get(file);
};

/** Files of a chunk and of everything it imports statically. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, seen);
  return seen;
}

const sum = (files) => [...files].reduce((total, file) => total + gzipKb(file), 0);
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const initial = closure(entryKey);
const initialKb = sum(initial);

const rows = Object.entries(manifest)
  .filter(([key, chunk]) => chunk.isDynamicEntry && /\/routes\//.test(key))
  .map(([key]) => {
    const own = [...closure(key)].filter((file) => !initial.has(file));
    return {
      route: key.replace(/^src\/features\//, "").replace(/\.tsx$/, ""),
      chunkKb: gzipKb(manifest[key].file),
      kb: sum(own),
      chunks: own.length,
    };
  })
  .sort((a, b) => a.route.localeCompare(b.route));

console.log(
  `Initial JavaScript (entry + static imports, ${initial.size} files): ${initialKb.toFixed(1)} KB gzipped`,
);
console.log("Per page: its own chunk, and everything a first visit loads beyond the initial JavaScript");
console.log("(the page chunk plus shared chunks such as zod, the shared schemas and Mantine inputs):");
for (const row of rows) {
  console.log(
    `  ${row.route.padEnd(44)} page chunk ${row.chunkKb.toFixed(1).padStart(5)} KB · first visit ${row.kb.toFixed(1).padStart(6)} KB gzipped (${row.chunks} files)`,
  );
}
if (initialKb > BUDGET_KB) {
  console.error(`The initial JavaScript exceeds the budget of ${BUDGET_KB} KB gzipped.`);
  process.exit(1);
}
