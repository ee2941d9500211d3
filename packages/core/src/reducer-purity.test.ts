import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The reducer must stay pure: loading it must not load anything that does I/O, holds timers or
 * calls back into the client. This follows its value imports through the source files.
 */

/** Modules known to be free of side effects, by path under src/. */
const PURE = new Set([
  "reducer.ts",
  "reducer-draft.ts",
  "reducer-receipts.ts",
  "compose.ts",
  "errors.ts",
  "records.ts",
  "thread.ts",
  "thread-index.ts",
  "thread-snapshot.ts",
  "chunked-list.ts",
  "message-order.ts",
  "message-combine.ts",
  "store-events.ts",
  "history-status.ts",
]);

/** Modules the reducer must never load, even if someone adds them to the allowlist. */
const FORBIDDEN_FILES = [
  "outbox.ts",
  "client.ts",
  "client-parts.ts",
  "cache-link.ts",
  "connection.ts",
  "inbound.ts",
  "event-queue.ts",
];
const FORBIDDEN_FOLDERS = ["adapters/", "transports/", "idb/"];

// import/export clauses: `x`, `* as x`, `{ a, type b }`, `x, { a }`, `x, * as y`.
const CLAUSE = String.raw`(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\}|[\w$]+(?:\s*,\s*(?:\{[^}]*\}|\*\s+as\s+[\w$]+))?)`;
const FROM = new RegExp(
  String.raw`\b(?:import|export)\s+(type\s+)?${CLAUSE}\s*from\s*["']([^"']+)["']`,
  "g",
);
const BARE_IMPORT = /\bimport\s*["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;

/**
 * The specifiers a module loads when it runs. `import type` and `export type` are erased;
 * `import { type X, y }` (even `import { type X }`, kept as `import {}` under
 * verbatimModuleSyntax) loads the module.
 */
function valueSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
  const found: string[] = [];
  for (const [, typeOnly, specifier] of code.matchAll(FROM)) {
    if (!typeOnly && specifier !== undefined) found.push(specifier);
  }
  for (const pattern of [BARE_IMPORT, DYNAMIC_IMPORT]) {
    for (const [, specifier] of code.matchAll(pattern)) {
      if (specifier !== undefined) found.push(specifier);
    }
  }
  return found;
}

interface Reach {
  /** Modules loaded, by path under src/. */
  modules: Set<string>;
  /** Package (non-relative) specifiers loaded. */
  packages: Set<string>;
  /** Relative specifiers that matched no file, as `importer -> specifier`. */
  unresolved: string[];
}

/** Follows relative value imports from `entry`; `read` answers a module's source, or undefined. */
function reach(entry: string, read: (path: string) => string | undefined): Reach {
  const result: Reach = { modules: new Set(), packages: new Set(), unresolved: [] };
  const pending = [entry];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (result.modules.has(path)) continue;
    const source = read(path);
    if (source === undefined) {
      result.unresolved.push(path);
      continue;
    }
    result.modules.add(path);
    for (const specifier of valueSpecifiers(source)) {
      if (!specifier.startsWith(".")) {
        result.packages.add(specifier);
        continue;
      }
      const target = resolve(path, specifier, read);
      if (target === undefined) result.unresolved.push(`${path} -> ${specifier}`);
      else pending.push(target);
    }
  }
  return result;
}

function resolve(
  importer: string,
  specifier: string,
  read: (path: string) => string | undefined,
): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(importer), specifier));
  const stem = base.replace(/\.(js|ts|mjs)$/, "");
  const candidates = [`${stem}.ts`, `${stem}.tsx`, base, `${base}/index.ts`];
  return candidates.find((candidate) => read(candidate) !== undefined);
}

/** Reached modules that are forbidden or not known to be pure. */
function violations(modules: Iterable<string>): string[] {
  return [...modules].filter(
    (path) =>
      !PURE.has(path) ||
      FORBIDDEN_FILES.includes(path) ||
      FORBIDDEN_FOLDERS.some((folder) => path.startsWith(folder)),
  );
}

const srcDir = fileURLToPath(new URL(".", import.meta.url));
function readSource(path: string): string | undefined {
  try {
    return readFileSync(posix.join(srcDir, path), "utf8");
  } catch {
    return undefined;
  }
}

describe("the reducer's imports", () => {
  const reached = reach("reducer.ts", readSource);

  it("resolve to files, transitively", () => {
    expect(reached.unresolved).toEqual([]);
    // The scan follows imports at least two levels deep (reducer -> compose -> errors).
    for (const path of ["reducer-draft.ts", "thread.ts", "records.ts", "compose.ts", "errors.ts"]) {
      expect(reached.modules).toContain(path);
    }
  });

  it("reach only side-effect-free modules", () => {
    expect(violations(reached.modules)).toEqual([]);
  });

  it("reach no forbidden module", () => {
    const forbidden = [...reached.modules].filter(
      (path) =>
        FORBIDDEN_FILES.includes(path) ||
        FORBIDDEN_FOLDERS.some((folder) => path.startsWith(folder)),
    );
    expect(forbidden).toEqual([]);
  });

  it("load no package (zustand, idb, socket.io-client)", () => {
    expect([...reached.packages]).toEqual([]);
  });
});

describe("the purity scanner", () => {
  const graph = (files: Record<string, string>) => (path: string) =>
    Object.hasOwn(files, path) ? files[path] : undefined;

  it("flags a pure module that imports the outbox, and what the outbox loads", () => {
    const read = graph({
      "reducer.ts": 'import { localMessage } from "./compose.js";\n',
      "compose.ts":
        'import { ParleyError } from "./errors.js";\nimport { flush } from "./outbox.js";\n',
      "errors.ts": "export class ParleyError extends Error {}\n",
      "outbox.ts": 'import { WsTransport } from "./transports/ws.js";\nexport const flush = 1;\n',
      "transports/ws.ts": "export class WsTransport {}\n",
    });
    const reached = reach("reducer.ts", read);
    expect([...reached.modules].sort()).toEqual([
      "compose.ts",
      "errors.ts",
      "outbox.ts",
      "reducer.ts",
      "transports/ws.ts",
    ]);
    expect(violations(reached.modules).sort()).toEqual(["outbox.ts", "transports/ws.ts"]);
  });

  it("skips type-only imports and re-exports, and follows every other form", () => {
    const read = graph({
      "reducer.ts": [
        'import type { Entry } from "./outbox.js";',
        'export type { StoreEvent } from "./client.js";',
        'export type * from "./idb/cache.js";',
        '// import { flush } from "./connection.js";',
        '/* import { x } from "./inbound.js"; */',
        "import {",
        "  type Draft,",
        "  finish,",
        '} from "./reducer-draft.js";',
        'import { type Thread } from "./thread.js";',
        'export { own } from "./records.js";',
        'export * from "./compose.js";',
        'import "./store-events.js";',
      ].join("\n"),
      "reducer-draft.ts": "",
      "thread.ts": "",
      "records.ts": "",
      "compose.ts": "",
      "store-events.ts": "",
      "outbox.ts": "",
      "client.ts": "",
      "idb/cache.ts": "",
      "connection.ts": "",
      "inbound.ts": "",
    });
    const reached = reach("reducer.ts", read);
    expect([...reached.modules].sort()).toEqual([
      "compose.ts",
      "records.ts",
      "reducer-draft.ts",
      "reducer.ts",
      "store-events.ts",
      "thread.ts",
    ]);
    expect(violations(reached.modules)).toEqual([]);
  });

  it("reports an import it cannot resolve instead of ignoring it", () => {
    const read = graph({ "reducer.ts": 'import { gone } from "./missing.js";\n' });
    expect(reach("reducer.ts", read).unresolved).toEqual(["reducer.ts -> ./missing.js"]);
  });
});
