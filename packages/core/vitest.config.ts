import { defineProject } from "vitest/config";

export default defineProject({
  // Workspace packages resolve to their TypeScript sources: tests need no build.
  resolve: { conditions: ["@parley/source"] },
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
