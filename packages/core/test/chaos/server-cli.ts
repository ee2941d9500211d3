import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const serverPackage = fileURLToPath(new URL("../../../server/", import.meta.url));

/** The reference server's CLI as one runnable file, and a way to remove it. */
export interface ServerCli {
  /** The command that runs it: node and the bundle. */
  command: [string, string];
  remove(): Promise<void>;
}

/**
 * Bundles the server's CLI from its TypeScript sources (tests need no build, and Node 20 cannot
 * run TypeScript). The bundle keeps npm packages as imports and lives under the server
 * package's `node_modules/.cache`, so Node resolves them (better-sqlite3 is native) from there.
 */
export async function bundleServerCli(): Promise<ServerCli> {
  const cache = join(serverPackage, "node_modules", ".cache");
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, "parley-cli-"));
  const outfile = join(dir, "cli.mjs");
  await build({
    entryPoints: [join(serverPackage, "src", "cli.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  return {
    command: [process.execPath, outfile],
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
