#!/usr/bin/env node
// @ts-check
// The web app's feature boundaries in biome.json, generated from the folders in
// apps/web/src/features: one `noRestrictedImports` override per feature, forbidding `app/` and
// every other feature except through its `index.ts`. Nine hand-kept copies of one list drifted
// each time a feature was added; now adding a folder is one command:
//
//   pnpm lint:boundaries:write   rewrites those overrides in biome.json (the rest is left as it is)
//   pnpm lint:boundaries         exits with 1 when biome.json is out of date (also a unit test)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const FEATURES_DIR = "apps/web/src/features";
export const BOUNDARY_MESSAGE =
  "A feature imports another feature only through its index.ts, and never app/ (which composes the features).";

const FEATURE_INCLUDE = new RegExp(`^${FEATURES_DIR}/([^/]+)/\\*\\*$`);

/** The feature folders, sorted. */
export function readFeatures(root = ROOT) {
  return readdirSync(join(root, FEATURES_DIR), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The override for one feature: it may import `app/` never, another feature only by its index.ts. */
export function featureOverride(feature, features) {
  const others = features.filter((other) => other !== feature);
  return {
    includes: [`${FEATURES_DIR}/${feature}/**`],
    linter: {
      rules: {
        style: {
          noRestrictedImports: {
            level: "error",
            options: {
              patterns: [
                {
                  group: [
                    "**/app/**",
                    ...others.flatMap((other) => [`**/${other}/**`, `!**/${other}/index.ts`]),
                  ],
                  message: BOUNDARY_MESSAGE,
                },
              ],
            },
          },
        },
      },
    },
  };
}

/** Whether a biome.json override is one of the generated feature boundaries. */
function isFeatureOverride(override) {
  const includes = override?.includes;
  return Array.isArray(includes) && includes.length === 1 && FEATURE_INCLUDE.test(includes[0]);
}

/**
 * The Biome config with its feature overrides replaced by generated ones, where the first of
 * them was (at the end when there were none); every other setting is kept as it is.
 */
export function withFeatureBoundaries(config, features) {
  const overrides = config.overrides ?? [];
  const first = overrides.findIndex(isFeatureOverride);
  const kept = overrides.filter((override) => !isFeatureOverride(override));
  const at = first < 0 ? kept.length : overrides.slice(0, first).filter((o) => !isFeatureOverride(o)).length;
  const generated = features.map((feature) => featureOverride(feature, features));
  return { ...config, overrides: [...kept.slice(0, at), ...generated, ...kept.slice(at)] };
}

/**
 * JSON laid out as Biome formats it (short arrays on one line), so `pnpm format` and this script
 * agree on the file. biome.json itself is outside Biome's `files.includes`, so the formatter runs
 * in a scratch folder with only the project's formatter settings.
 */
export function formatLikeBiome(config, root = ROOT) {
  const scratch = mkdtempSync(join(tmpdir(), "portcullis-biome-"));
  try {
    writeFileSync(join(scratch, "biome.json"), JSON.stringify({ formatter: config.formatter ?? {} }));
    return execFileSync(
      process.execPath,
      [join(root, "node_modules/@biomejs/biome/bin/biome"), "format", "--stdin-file-path=config.json"],
      { cwd: scratch, input: `${JSON.stringify(config, null, 2)}\n`, encoding: "utf8" },
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** biome.json's text as it should be: the generated overrides, formatted as the file is. */
export function expectedBiomeJson(root = ROOT, features = readFeatures(root)) {
  const current = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
  return formatLikeBiome(withFeatureBoundaries(current, features), root);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = join(ROOT, "biome.json");
  const expected = expectedBiomeJson();
  if (readFileSync(path, "utf8") === expected) {
    console.log("biome.json: the feature boundaries match apps/web/src/features.");
  } else if (process.argv.includes("--check")) {
    console.error(
      "biome.json's feature boundaries do not match the folders in apps/web/src/features: run `pnpm lint:boundaries:write`.",
    );
    process.exit(1);
  } else {
    writeFileSync(path, expected);
    console.log(`biome.json: feature boundaries written for ${readFeatures().join(", ")}.`);
  }
}
