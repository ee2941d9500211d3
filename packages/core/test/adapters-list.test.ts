import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import list from "../adapters.json" with { type: "json" };

// adapters.json is the one list of adapters: tsup.config.ts builds an entry for each and
// scripts/size.mjs budgets each. What it cannot drive, package.json's exports and the source
// folders, is checked against it here.

const core = resolve(import.meta.dirname, "..");
const names = list.adapters.map((adapter) => adapter.name);
const { exports } = JSON.parse(readFileSync(resolve(core, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
};

/** How `exports` disagrees with the list of adapters; empty when it agrees. */
function exportProblems(exported: Record<string, unknown>, adapters: string[]): string[] {
  const prefix = "./adapters/";
  const keys = Object.keys(exported).filter((key) => key.startsWith(prefix));
  const problems = keys
    .map((key) => key.slice(prefix.length))
    .filter((name) => !adapters.includes(name))
    .map((name) => `exports ${prefix}${name}, which adapters.json does not list`);
  for (const name of adapters) {
    const entry = exported[`${prefix}${name}`];
    if (entry === undefined) problems.push(`does not export ${prefix}${name}`);
    else if (
      JSON.stringify(entry) !==
      JSON.stringify({
        "@parley/source": `./src/adapters/${name}/index.ts`,
        import: `./dist/adapters/${name}.js`,
        require: `./dist/adapters/${name}.cjs`,
      })
    )
      problems.push(`${prefix}${name} does not point at its source and build`);
  }
  return problems;
}

describe("the list of adapters (adapters.json)", () => {
  it("is what package.json exports, each entry pointing at its source and build", () => {
    expect(exportProblems(exports, names)).toEqual([]);
  });

  it("tells an adapter missing from exports, and exports of one it does not list", () => {
    const { "./adapters/rooms-ws": _rooms, ...withoutRooms } = exports;
    expect(exportProblems(withoutRooms, names)).toEqual(["does not export ./adapters/rooms-ws"]);
    expect(exportProblems(exports, [...names, "new-ws"])).toEqual([
      "does not export ./adapters/new-ws",
    ]);
    expect(exportProblems(exports, names.slice(1))).toEqual([
      `exports ./adapters/${names[0]}, which adapters.json does not list`,
    ]);
    const misdirected = { ...exports, "./adapters/rooms-ws": { import: "./dist/rooms.js" } };
    expect(exportProblems(misdirected, names)).toEqual([
      "./adapters/rooms-ws does not point at its source and build",
    ]);
  });

  it("is every folder of src/adapters, once", () => {
    const folders = readdirSync(resolve(core, "src/adapters"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });
});
