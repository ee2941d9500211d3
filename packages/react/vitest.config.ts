import { defineProject } from "vitest/config";

export default defineProject({
  // Workspace packages resolve to their TypeScript sources: tests need no build.
  resolve: { conditions: ["@parley/source"] },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
  test: {
    name: "react",
    // Component tests run in jsdom; a file that says `// @vitest-environment node` (SSR) in Node.
    environment: "jsdom",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.tsx"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
