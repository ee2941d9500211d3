import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@parley/source"] },
  test: {
    name: "server",
    environment: "node",
    include: ["src/**/*.test.ts"],
    // Every test file starts its own server on ephemeral loopback ports.
    testTimeout: 15_000,
    hookTimeout: 20_000,
  },
});
