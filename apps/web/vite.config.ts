import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression } from "vite-plugin-compression2";

export default defineConfig({
  // Brotli and gzip copies of each text file beside it; the API sends the one the browser
  // accepts (apps/api/src/plugins/web-app.ts), compressed once here rather than per request.
  plugins: [react(), compression({ algorithms: ["brotliCompress", "gzip"], logLevel: "silent" })],
  server: {
    port: 5173,
    // `pnpm dev`: the API runs on PORT (3000 by default); the dev server forwards /api to it.
    proxy: { "/api": `http://localhost:${process.env.PORT ?? 3000}` },
  },
  // The manifest lets `pnpm --filter @portcullis/web size` report the size of each page.
  build: { outDir: "dist", sourcemap: true, manifest: true },
});
