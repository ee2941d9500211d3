import { fileURLToPath } from "node:url";

// @parley/test-kit depends on @parley/core, so core's tests reach it by path (here and in
// tsconfig.json) rather than as a devDependency, which would make a workspace cycle.
const kit = (entry: string) =>
  fileURLToPath(new URL(`../test-kit/src/${entry}.ts`, import.meta.url));

/** How core's node test projects resolve: workspace packages to their TypeScript sources. */
export const sourceResolution = {
  resolve: {
    conditions: ["@parley/source"],
    alias: [
      { find: /^@parley\/test-kit$/, replacement: kit("index") },
      { find: /^@parley\/test-kit\/node$/, replacement: kit("node") },
    ],
  },
  ssr: { resolve: { conditions: ["@parley/source"], externalConditions: ["@parley/source"] } },
};
