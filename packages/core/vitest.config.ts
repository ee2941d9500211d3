import { defineProject } from "vitest/config";
import { sourceResolution } from "./vitest.shared.js";

export default defineProject({
  // Workspace packages resolve to their TypeScript sources: tests need no build.
  ...sourceResolution,
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
