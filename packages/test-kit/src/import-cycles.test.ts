import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findCycles, importGraph, relativeImports } from "./import-cycles.js";

const root = resolve(import.meta.dirname, "../../..");

describe("findCycles", () => {
  const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

  it("finds no loop in a graph without one", () => {
    expect(findCycles(graph({ a: ["b", "c"], b: ["c"], c: [], d: ["a"] }))).toEqual([]);
  });

  it("finds a loop and names the path around it, leaving out the files that only lead to it", () => {
    expect(findCycles(graph({ a: ["b"], b: ["c"], c: ["a", "e"], d: ["a"], e: [] }))).toEqual([
      ["a", "b", "c", "a"],
    ]);
  });

  it("finds a file that imports itself, and each separate loop once", () => {
    const cycles = findCycles(graph({ a: ["a"], b: ["c"], c: ["b", "d"], d: ["c"] }));
    expect(cycles).toEqual([["a", "a"], expect.arrayContaining(["b", "c"])]);
    expect(cycles).toHaveLength(2);
  });
});

describe("relativeImports", () => {
  it("reads imports, type imports, re-exports and dynamic imports, not packages or comments", () => {
    const source = [
      'import { a } from "./a.js";',
      'import type { B } from "../b.js";',
      "import {",
      "  type C,",
      "  c,",
      '} from "./c.js";',
      'export type { D } from "./d.js";',
      'export * from "./e.js";',
      'import "./f.css";',
      'const g = () => import("./g.js");',
      'import { useState } from "react";',
      '// import { h } from "./h.js";',
      "const text = \"import { i } from './i.js'\";",
    ].join("\n");
    expect(relativeImports(source)).toEqual([
      "./a.js",
      "../b.js",
      "./c.js",
      "./d.js",
      "./e.js",
      "./f.css",
      "./g.js",
    ]);
  });
});

describe("importGraph", () => {
  const sandbox = mkdtempSync(join(tmpdir(), "parley-cycles-"));
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

  it("catches a loop made only of type imports, through an index and a .tsx file", () => {
    mkdirSync(join(sandbox, "parts"));
    writeFileSync(join(sandbox, "context.ts"), 'import type { Parts } from "./parts";\n');
    writeFileSync(join(sandbox, "parts/index.ts"), 'export type { Props } from "./widget.js";\n');
    writeFileSync(join(sandbox, "parts/widget.tsx"), 'import { use } from "../context.js";\n');
    writeFileSync(join(sandbox, "leaf.ts"), 'import { use } from "./context.js";\n');
    const cycles = findCycles(importGraph(sandbox)).map((c) => c.map((f) => relative(sandbox, f)));
    expect(cycles).toEqual([["context.ts", "parts/index.ts", "parts/widget.tsx", "context.ts"]]);
  });
});

/** Every workspace folder whose src/ is scanned: the packages and the examples. */
const sources = ["packages", "examples"].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(group, entry.name, "src"))
    .filter((dir) =>
      readdirSync(join(root, dir, ".."), { withFileTypes: true }).some((e) => e.name === "src"),
    ),
);

describe("the workspace", () => {
  it("scans every package", () => {
    expect(sources).toEqual(expect.arrayContaining(["packages/core/src", "packages/widgets/src"]));
  });

  // A loop makes a module see another half-initialised, and a reader go round in circles; move
  // what both sides need (usually types) into a file both import.
  it.each(sources)("%s has no import loop", (dir) => {
    const loops = findCycles(importGraph(join(root, dir))).map((cycle) =>
      cycle.map((file) => relative(root, file)).join(" -> "),
    );
    expect(loops).toEqual([]);
  });
});
