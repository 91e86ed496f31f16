import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  expectedBiomeJson,
  FEATURES_DIR,
  ROOT,
  readFeatures,
  withFeatureBoundaries,
} from "./biome-feature-boundaries.mjs";

type Override = {
  includes: string[];
  linter?: {
    rules?: { style?: { noRestrictedImports?: { options?: { patterns?: [{ group: string[] }] } } } };
  };
};

const groupOf = (override: Override) =>
  override.linter?.rules?.style?.noRestrictedImports?.options?.patterns?.[0]?.group ?? [];

const scratch = mkdtempSync(join(tmpdir(), "portcullis-feature-boundaries-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("biome.json feature boundaries (scripts/biome-feature-boundaries.mjs)", () => {
  it("match the folders in apps/web/src/features (else run `pnpm lint:boundaries:write`)", () => {
    expect(readFileSync(join(ROOT, "biome.json"), "utf8")).toBe(expectedBiomeJson());
  });

  it("give a new feature folder its override, and close it to every other feature but for its index.ts", () => {
    // A scratch tree: today's biome.json and features, plus one a helper has just added.
    cpSync(join(ROOT, "biome.json"), join(scratch, "biome.json"));
    for (const feature of [...readFeatures(), "access-flows"]) {
      mkdirSync(join(scratch, FEATURES_DIR, feature), { recursive: true });
    }
    const config = JSON.parse(expectedBiomeJson(ROOT, readFeatures(scratch))) as { overrides: Override[] };
    const features = config.overrides.filter((o) => o.includes[0]?.startsWith(`${FEATURES_DIR}/`));
    expect(features.map((o) => o.includes)).toContainEqual([`${FEATURES_DIR}/access-flows/**`]);
    for (const override of features) {
      const own = override.includes[0]!.split("/")[4];
      const group = groupOf(override);
      expect(group[0]).toBe("**/app/**");
      if (own !== "access-flows") {
        expect(group).toEqual(expect.arrayContaining(["**/access-flows/**", "!**/access-flows/index.ts"]));
      }
      expect(group).not.toContain(`**/${own}/**`);
    }
    expect(groupOf(features.find((o) => o.includes[0]!.includes("/access-flows/"))!)).toContain(
      "**/integrations/**",
    );
  });

  it("keep every other override as it is, in its place, and write the same twice", () => {
    const current = JSON.parse(readFileSync(join(ROOT, "biome.json"), "utf8")) as { overrides: Override[] };
    const others = current.overrides.filter((o) => !o.includes[0]?.startsWith(`${FEATURES_DIR}/`));
    const once = withFeatureBoundaries(current, ["a", "b"]) as { overrides: Override[] };
    expect(once.overrides.filter((o) => !o.includes[0]?.startsWith(`${FEATURES_DIR}/`))).toEqual(others);
    expect(once.overrides.slice(0, others.length)).toEqual(others);
    expect(withFeatureBoundaries(once, ["a", "b"])).toEqual(once);
    // A removed feature folder takes its override with it.
    expect(once.overrides.map((o) => o.includes[0])).not.toContain(`${FEATURES_DIR}/users/**`);
  });
});
