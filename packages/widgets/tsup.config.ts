import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", styles: "src/styles.css" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  target: "es2022",
  platform: "neutral",
  clean: true,
  sourcemap: true,
  // Every export renders with hooks: mark the bundle a client module for React Server Components.
  banner: { js: '"use client";' },
  external: ["react", "react-dom", "@parley/core", "@parley/react", "@tanstack/react-virtual"],
});
