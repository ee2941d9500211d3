import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli.ts", "testing/index": "src/testing/index.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts" } },
  target: "node20",
  platform: "node",
  clean: true,
  sourcemap: true,
  splitting: true,
});
