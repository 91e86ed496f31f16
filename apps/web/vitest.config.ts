import react from "@vitejs/plugin-react";
import { defineProject } from "vitest/config";

// Component tests of the web app: `*.test.tsx` beside the components, rendered with React
// Testing Library in jsdom. Run by `pnpm test:unit` (and `vitest run --project web`).
export default defineProject({
  plugins: [react()],
  test: {
    name: "web",
    include: ["src/**/*.test.tsx"],
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    // Rendering the whole wizard in jsdom takes seconds on a busy 2-core machine.
    testTimeout: 30_000,
  },
});
