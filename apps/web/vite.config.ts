import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // `pnpm dev`: the API runs on PORT (3000 by default); the dev server forwards /api to it.
    proxy: { "/api": `http://localhost:${process.env.PORT ?? 3000}` },
  },
  // The manifest lets `pnpm --filter @portcullis/web size` report the size of each page.
  build: { outDir: "dist", sourcemap: true, manifest: true },
});
