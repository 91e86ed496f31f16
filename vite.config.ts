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
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Test files share one PostgreSQL server (each gets its own database),
          // two workers match the 2-core machines.
          maxWorkers: 2,
        },
      },
    ],
  },
});
