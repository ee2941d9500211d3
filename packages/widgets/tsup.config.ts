import { defineConfig } from "tsup";

/** Each language is an entry point of its own: an app bundles only the ones it imports. */
const locales = ["en", "es", "fr", "de", "pt", "ar", "zh", "ja"];
const localeEntries = Object.fromEntries(
  locales.map((l) => [`locales/${l}`, `src/locales/${l}.ts`]),
);

export default defineConfig({
  entry: { index: "src/index.ts", styles: "src/styles.css", ...localeEntries },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", ...localeEntries } },
  target: "es2022",
  platform: "neutral",
  // The locales share the plural helper (and English its strings) with the main entry.
  splitting: true,
  clean: true,
  sourcemap: true,
  // Every export renders with hooks: mark the bundle a client module for React Server Components.
  banner: { js: '"use client";' },
  external: ["react", "react-dom", "@parley/core", "@parley/react", "@tanstack/react-virtual"],
});
