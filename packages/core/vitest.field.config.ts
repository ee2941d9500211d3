import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

// @parley/test-kit depends on @parley/core, so core's tests reach it by path (here and in
// tsconfig.json) rather than as a devDependency, which would make a workspace cycle.
const kit = (entry: string) =>
  fileURLToPath(new URL(`../test-kit/src/${entry}.ts`, import.meta.url));
const alias = [
  { find: /^@parley\/test-kit$/, replacement: kit("index") },
  { find: /^@parley\/test-kit\/node$/, replacement: kit("node") },
];

// The core suites that talk to the reference server, again against its `field` profile: the
// server behaving as the deployed backends behind the seeds do (PROTOCOLS.md rule 7).
export default defineProject({
  resolve: { conditions: ["@parley/source"], alias },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
  test: {
    name: "core-field",
    environment: "node",
    include: ["src/adapters/**/*.test.ts", "src/half-open.test.ts"],
    env: { PARLEY_PROFILE: "field" },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
