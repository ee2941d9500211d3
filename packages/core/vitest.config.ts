import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@parley/source"] },
  test: {
    name: "core",
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
