import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// The @parley/react suite (../src) again, under React 18. This package depends on react@18 and
// react-dom@18 itself, so pnpm links react-dom 18's peer `react` (and @testing-library/react's) to
// React 18. Tests in ../src would still find React 19 from packages/react/node_modules, so every
// React entry point they (or @testing-library/react) import is aliased to this package's copy,
// resolved the way Node resolves it (react-dom/server -> server.node.js), and deduped from this
// folder (the project root). ./react-version.test.tsx fails if any React 19 slips back in.
const require = createRequire(import.meta.url);
const react18 = [
  "react",
  "react/jsx-runtime",
  "react/jsx-dev-runtime",
  "react-dom",
  "react-dom/client",
  "react-dom/server",
  "react-dom/test-utils",
  "@testing-library/react",
];
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

export default defineProject({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: {
    // Exact specifiers only: "react" must not also rewrite "react-dom".
    alias: react18.map((id) => ({
      find: new RegExp(`^${escapeRegExp(id)}$`),
      replacement: require.resolve(id),
    })),
    dedupe: ["react", "react-dom", "@testing-library/react"],
    // Workspace packages resolve to their TypeScript sources: tests need no build.
    conditions: ["@parley/source"],
  },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
  test: {
    name: "react-18",
    // Test files are looked for from packages/react: its own suite plus this folder's guard.
    dir: fileURLToPath(new URL("..", import.meta.url)),
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "react18/**/*.test.tsx"],
    environment: "jsdom",
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
