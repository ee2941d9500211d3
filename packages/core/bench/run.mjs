// Runs core's benchmarks one after the other: each is bundled from source with esbuild (the
// workspace packages it imports too, under the "@parley/source" condition) and run by Node.
// Packages from npm stay external, imported from where their importer resolves them, so a
// benchmark can start the reference server without core depending on the server's dependencies.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Bare imports outside the workspace: external, at the absolute path their importer would load. */
const npmExternal = {
  name: "npm-external",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@parley/") || args.pluginData === "resolving") return undefined;
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "resolving",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, external: true };
    });
  },
};

const benches = [
  { file: "ingest.ts", node: ["--expose-gc"] },
  { file: "round-trip.ts", node: [] },
  { file: "idb-cold-start.ts", node: [] },
  { file: "search.ts", node: ["--expose-gc"] },
  { file: "search-idb.ts", node: [] },
];

// PARLEY_BENCH_ONLY=round-trip runs one of them.
const only = process.env.PARLEY_BENCH_ONLY;
for (const bench of benches.filter((b) => !only || b.file.startsWith(only))) {
  const outfile = here(`../.bench/${bench.file.replace(/\.ts$/, ".mjs")}`);
  await build({
    entryPoints: [here(`./${bench.file}`)],
    bundle: true,
    platform: "node",
    format: "esm",
    conditions: ["@parley/source"],
    outfile,
    logLevel: "warning",
    plugins: [npmExternal],
  });
  const run = spawnSync(process.execPath, [...bench.node, outfile], { stdio: "inherit" });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
