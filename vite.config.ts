import { defineConfig } from "vitest/config";

// Root Vitest config: three projects.
// - unit: pure code and in-process servers (no database), `*.test.ts` beside the code.
// - web: the web app's component tests, `*.test.tsx` rendered in jsdom (apps/web/vitest.config.ts).
// - integration: `*.int.test.ts`, run against a real PostgreSQL (embedded unless DATABASE_URL is set).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "{apps,packages}/*/src/**/*.test.ts",
            "apps/api/bench/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      "apps/web/vitest.config.ts",
      {
        test: {
          name: "integration",
          include: ["{apps,packages}/*/src/**/*.int.test.ts"],
          globalSetup: ["apps/api/test/global-setup.ts"],
          environment: "node",
          // Only a bound on a hang: `pnpm test` runs these beside the e2e tests, and the slowest
          // property test (malformed-bodies) took over 60 s on a busy 2-core host.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Test files share one PostgreSQL server (each gets its own database),
          // two workers match the 2-core machines.
          maxWorkers: 2,
          // A worker imports the app (Fastify, Prisma, the AWS SDK…) once, not once per file:
          // isolated, those imports were a third of the run's time. Nothing a file changes
          // outlives it: each makes its own database, app, queue and servers and closes them,
          // and the one file that edits process.env puts it back.
          isolate: false,
        },
      },
    ],
  },
});
