import { defineProject } from "vitest/config";

export default defineProject({
  // Workspace packages resolve to their TypeScript sources: tests need no build.
  resolve: { conditions: ["@parley/source"] },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
  test: {
    name: "widgets",
    environment: "jsdom",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    setupFiles: ["./test/setup-jsdom.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
