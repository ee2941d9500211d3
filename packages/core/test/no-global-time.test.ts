import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Core code takes time, timers and randomness injected; Biome enforces it (biome.json:
// noRestrictedGlobals for the timer globals, the GritQL plugin packages/core/lint/
// no-global-time.grit for Date.now, Math.random, `new Date()` and `globalThis.setTimeout`).
// These tests run that very configuration on sample files, so a rule that stops catching a
// regression (a renamed option, a plugin that no longer loads, a glob that misses) fails here.

const root = resolve(import.meta.dirname, "../../..");
const biome = join(root, "node_modules/@biomejs/biome/bin/biome");

interface Diagnostic {
  category: string;
  location: { path: string; start?: { line: number } };
}

/** Runs Biome's linter in `cwd`; answers the lines each file is flagged on, by rule. */
function lint(cwd: string, ...paths: string[]): Map<string, number[]> {
  const run = spawnSync(
    process.execPath,
    [biome, "lint", "--reporter=json", "--max-diagnostics=none", ...paths],
    { cwd, encoding: "utf8" },
  );
  const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  const flagged = new Map<string, number[]>();
  for (const { category, location } of diagnostics) {
    if (category !== "plugin" && category !== "lint/style/noRestrictedGlobals") continue;
    const lines = flagged.get(location.path) ?? [];
    flagged.set(
      location.path,
      [...lines, location.start?.line ?? 0].sort((a, b) => a - b),
    );
  }
  return flagged;
}

/** Each line is one regression the rules must catch. */
const regressions = [
  "export const a = setTimeout(() => {}, 1);",
  "clearTimeout(a);",
  "export const b = setInterval(() => {}, 1);",
  "clearInterval(b);",
  "export const c = Date.now();",
  "export const d = Math.random();",
  "export const e = new Date();",
  "export const f = globalThis.setTimeout(() => {}, 1);",
  "export const g = Date.now;",
].join("\n");

/** What injected code looks like: nothing here may be flagged. */
const injected = [
  'import type { Timers } from "../../environment.js";',
  "export const start = (timers: Timers, random: () => number) =>",
  "  timers.setTimeout(() => timers.clearTimeout(0), random() * timers.now());",
  'export const at = new Date(Date.parse("2026-01-01T00:00:00Z")).toISOString();',
].join("\n");

const sandbox = mkdtempSync(join(tmpdir(), "parley-lint-"));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe("no global time in packages/core/src", () => {
  it("flags every global timer, clock and random outside environment.ts and tests", () => {
    // The repository's own configuration and plugin, in a sandbox laid out like the repository.
    const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8"));
    config.vcs = { enabled: false };
    writeFileSync(join(sandbox, "biome.json"), JSON.stringify(config));
    const plugin = "packages/core/lint/no-global-time.grit";
    mkdirSync(dirname(join(sandbox, plugin)), { recursive: true });
    cpSync(join(root, plugin), join(sandbox, plugin));
    const files: Record<string, string> = {
      "packages/core/src/adapters/sample/socket.ts": regressions,
      "packages/core/src/sample.ts": regressions,
      "packages/core/src/adapters/sample/clean.ts": injected,
      "packages/core/src/environment.ts": regressions,
      "packages/core/src/adapters/sample/socket.test.ts": regressions,
      "packages/core/test/sample.test.ts": regressions,
      "packages/react/src/sample.ts": regressions,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(sandbox, path)), { recursive: true });
      writeFileSync(join(sandbox, path), `${text}\n`);
    }

    const every = regressions.split("\n").map((_, i) => i + 1);
    expect(Object.fromEntries(lint(sandbox, "packages"))).toEqual({
      "packages/core/src/adapters/sample/socket.ts": every,
      "packages/core/src/sample.ts": every,
    });
  });

  it("finds none in the sources as they are", () => {
    expect(Object.fromEntries(lint(root, "packages/core/src"))).toEqual({});
  });
});
