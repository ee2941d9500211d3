import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  target: "es2022",
  platform: "neutral",
  clean: true,
  sourcemap: true,
  // Every export uses context or hooks: mark the bundle a client module for React Server Components.
  banner: { js: '"use client";' },
  external: ["react", "react-dom", "@parley/core"],
});
