import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// @parley/test-kit depends on @parley/core, so core's tests reach it by path (here and in
// tsconfig.json) rather than as a devDependency, which would make a workspace cycle.
const kit = (entry: string) =>
  fileURLToPath(new URL(`../test-kit/src/${entry}.ts`, import.meta.url));
const alias = [
  { find: /^@parley\/test-kit$/, replacement: kit("index") },
  { find: /^@parley\/test-kit\/node$/, replacement: kit("node") },
];

export default defineProject({
  // Workspace packages resolve to their TypeScript sources: tests need no build.
  resolve: { conditions: ["@parley/source"], alias },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
  test: {
    name: "core",
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Real-browser tests are their own project (vitest.browser.config.ts).
    exclude: ["test/browser/**"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
