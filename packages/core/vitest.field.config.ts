import { defineProject } from "vitest/config";
import { sourceResolution } from "./vitest.shared.js";

// The core suites that talk to the reference server, again against its `field` profile: the
// server behaving as the deployed backends behind the seeds do (PROTOCOLS.md rule 7).
export default defineProject({
  ...sourceResolution,
  test: {
    name: "core-field",
    environment: "node",
    include: [
      "src/adapters/**/*.test.ts",
      "src/half-open.test.ts",
      "test/auth-matrix.test.ts",
      "test/chaos/**/*.test.ts",
    ],
    env: { PARLEY_PROFILE: "field" },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
