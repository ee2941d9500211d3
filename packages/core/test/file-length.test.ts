// Files small enough to read at once: no source file of the core passes 300 lines (tests aside).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const MAX_LINES = 300;
const src = join(import.meta.dirname, "../src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

function tooLong(files: ReadonlyArray<[string, string]>, max = MAX_LINES): string[] {
  return files
    .filter(([, text]) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0) > max)
    .map(([name]) => name);
}

describe("core source files", () => {
  it(`are at most ${MAX_LINES} lines each`, () => {
    const files = sources(src).map((path): [string, string] => [
      relative(src, path),
      readFileSync(path, "utf8"),
    ]);
    expect(files.length).toBeGreaterThan(50);
    expect(tooLong(files)).toEqual([]);
  });

  it("the check flags a file one line over", () => {
    const line = "x\n";
    expect(
      tooLong([
        ["ok.ts", line.repeat(300)],
        ["long.ts", line.repeat(301)],
      ]),
    ).toEqual(["long.ts"]);
  });
});
