#!/usr/bin/env node
// Checks what npm would receive, not the work tree: each published package is packed as
// `pnpm pack` does it (workspace: ranges replaced, only `files`), then publint (warnings count)
// and attw (every entry point, every resolution mode, node10 included) read the tarball.
// Run after `pnpm build`. Decision record 0006 says why the widgets' CSS entry is left out.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function run(command, args, { cwd = root, quiet = false } = {}) {
  const stdio = quiet ? ["ignore", "ignore", "inherit"] : "inherit";
  const result = spawnSync(command, args, { cwd, stdio });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const published = readdirSync(join(root, "packages"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(root, "packages", entry.name))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => !manifest.private);

const out = mkdtempSync(join(tmpdir(), "parley-pack-"));
let failed = 0;
try {
  for (const { dir, manifest } of published) {
    const tarball = join(out, `${manifest.name.replace("@", "").replace("/", "-")}.tgz`);
    if (run("pnpm", ["pack", "--out", tarball], { cwd: dir, quiet: true }) !== 0) {
      failed++;
      continue;
    }
    // A stylesheet has no types and is not a module to TypeScript: attw can only say it does not
    // resolve. Bundlers resolve it through `exports`; the tarball check (publint) still covers it.
    const stylesheets = Object.entries(manifest.exports ?? {})
      .filter(([, target]) => typeof target === "string" && target.endsWith(".css"))
      .map(([entry]) => entry);
    const attw = ["exec", "attw", tarball, "--format", "table-flipped", "--no-emoji"];
    if (stylesheets.length > 0) attw.push("--exclude-entrypoints", ...stylesheets);
    if (run("pnpm", ["exec", "publint", "--strict", tarball]) !== 0) failed++;
    if (run("pnpm", attw) !== 0) failed++;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failed > 0) {
  console.error(`check-packages: ${failed} check(s) failed`);
  process.exit(1);
}
