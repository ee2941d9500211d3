import { defineProject } from "vitest/config";

export default defineProject({
  // Workspace packages resolve to their TypeScript sources: tests need no build.
  resolve: { conditions: ["@parley/source"] },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
  test: {
    name: "server",
    environment: "node",
    include: ["src/**/*.test.ts"],
    // Every test file starts its own server on ephemeral loopback ports.
    testTimeout: 15_000,
    hookTimeout: 20_000,
  },
});
