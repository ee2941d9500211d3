import { defineProject } from "vitest/config";

export default defineProject({
  // Workspace packages resolve to their TypeScript sources: tests need no build.
  resolve: { conditions: ["@parley/source"] },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
  test: {
    name: "test-kit",
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
