import { defineProject } from "vitest/config";

// The cache's behaviour in real Chromium (Debian's, driven by Playwright from Node): cold start,
// durable outbox, tabs, upgrades, quota. Chromium missing fails the run; it never skips.
export default defineProject({
  resolve: { conditions: ["@parley/source"] },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
  test: {
    name: "core-browser",
    environment: "node",
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["test/browser/global-setup.ts"],
    // One browser at a time: the machine has two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
