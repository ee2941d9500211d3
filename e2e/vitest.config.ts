import { defineProject } from "vitest/config";

// The custom-ui example in Debian's Chromium against the reference server, one file per
// dialect. Files run one at a time: each starts its own server and two browser contexts.
export default defineProject({
  resolve: { conditions: ["@parley/source"] },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
  test: {
    name: "e2e",
    environment: "node",
    include: ["tests/**/*.test.ts"],
    globalSetup: ["./support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
