import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The layer rules live in biome.json (`noRestrictedImports` per folder). These cases lint probe
// files with the real config, in a scratch copy of the tree layout, so a rule that stops
// matching (a renamed folder, a glob typo) fails here instead of silently allowing imports.
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const BIOME = join(ROOT, "node_modules/@biomejs/biome/bin/biome");

const FORBIDDEN: Array<[path: string, specifier: string]> = [
  ["apps/api/src/discovery/sync/probe.ts", "../../modules/integrations/integration.service.ts"],
  ["apps/api/src/discovery/probe.ts", "../modules/common/uuid.ts"],
  ["apps/api/src/granting/probe.ts", "../modules/access-requests/access-request.service.ts"],
  ["apps/api/src/granting/probe.ts", "../db/prisma.ts"],
  ["apps/api/src/granting/probe.ts", "../generated/prisma/client.ts"],
  ["apps/api/src/modules/portal/probe.routes.ts", "../../db/prisma.ts"],
  ["apps/api/src/modules/portal/probe.routes.ts", "./portal.repository.ts"],
  ["apps/api/src/modules/portal/probe.routes.ts", "../../generated/prisma/client.ts"],
  ["apps/web/src/features/users/routes/probe.tsx", "../../auth/api/auth.ts"],
  ["apps/web/src/features/integrations/components/wizard/probe.tsx", "../../../connectors/api/connectors.ts"],
  ["apps/web/src/features/integrations/routes/probe.tsx", "../../../app/route-error.tsx"],
  ["packages/shared/src/api/probe.ts", "../../../../apps/api/src/lib/app-error.ts"],
  ["packages/shared/src/probe.ts", "@portcullis/web"],
];

const ALLOWED: Array<[path: string, specifier: string]> = [
  ["apps/api/src/discovery/sync/probe.ts", "../../core/sync-run.repository.ts"],
  ["apps/api/src/discovery/sync/probe.ts", "../../db/prisma.ts"],
  ["apps/api/src/granting/probe.ts", "../discovery/aws/aws-clients.ts"],
  ["apps/api/src/granting/probe.ts", "../core/integration-config.ts"],
  ["apps/api/src/modules/portal/probe.routes.ts", "./portal.service.ts"],
  ["apps/api/src/modules/portal/probe.service.ts", "./portal.repository.ts"],
  ["apps/web/src/features/users/routes/probe.tsx", "../../auth/index.ts"],
  ["apps/web/src/features/users/routes/probe.tsx", "../api/users.ts"],
  ["apps/web/src/features/integrations/components/wizard/probe.tsx", "../../api/integrations.ts"],
  ["apps/web/src/app/probe.tsx", "../features/auth/api/auth.ts"],
];

/** Each case gets its own file ("probe-<n>…"), so one Biome run lints them all. */
function probePath(path: string, index: number): string {
  return path.replace(/probe(?=\.)/, `probe-${index}`);
}

const scratch = mkdtempSync(join(tmpdir(), "portcullis-boundaries-"));
let rejected = new Set<string>();

beforeAll(() => {
  copyFileSync(join(ROOT, "biome.json"), join(scratch, "biome.json"));
  [...FORBIDDEN, ...ALLOWED].forEach(([path, specifier], index) => {
    const file = join(scratch, probePath(path, index));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `import { x } from "${specifier}";\n\nexport const y = x;\n`);
  });
  let output = "";
  try {
    execFileSync(process.execPath, [BIOME, "lint", "--colors=off", "--max-diagnostics=none", "."], {
      cwd: scratch,
      stdio: "pipe",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    output = `${stdout ?? ""}${stderr ?? ""}`;
  }
  // Each diagnostic starts with "<path>:<line>:<column> <rule>".
  const hits = output.matchAll(/^(\S+):\d+:\d+ lint\/style\/noRestrictedImports/gm);
  rejected = new Set([...hits].map((match) => match[1]!));
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("import boundaries (biome.json noRestrictedImports)", () => {
  it.each(FORBIDDEN.map(([path, specifier], index) => [path, specifier, index] as const))(
    "%s may not import %s",
    (path, _specifier, index) => {
      expect(rejected).toContain(probePath(path, index));
    },
  );

  it.each(ALLOWED.map(([path, specifier], index) => [path, specifier, FORBIDDEN.length + index] as const))(
    "%s may import %s",
    (path, _specifier, index) => {
      expect(rejected.size).toBeGreaterThan(0);
      expect(rejected).not.toContain(probePath(path, index));
    },
  );

  it("covers every web feature folder (a new feature gets its own rule)", () => {
    const config = JSON.parse(readFileSync(join(ROOT, "biome.json"), "utf8")) as {
      overrides: Array<{ includes: string[] }>;
    };
    const covered = config.overrides.flatMap((override) => override.includes);
    const features = readdirSync(join(ROOT, "apps/web/src/features"));
    expect(features.length).toBeGreaterThan(0);
    for (const feature of features) expect(covered).toContain(`apps/web/src/features/${feature}/**`);
  });
});
