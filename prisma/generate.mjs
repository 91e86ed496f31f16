// Generates the Prisma client offline. `prisma generate` never runs the schema engine,
// but the CLI insists on finding its binary and would download it; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
execFileSync("pnpm", ["exec", "prisma", "generate", "--schema", "prisma/schema.prisma"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
