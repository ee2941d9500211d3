import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

/** Each source file to the source files it imports, by absolute path. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * The relative specifiers a source imports or re-exports: `import type` and `export ... from`
 * included, dynamic `import()` too; package imports and comments left out (TypeScript's own
 * pre-processor reads them, so a specifier in a comment or a string is not an import).
 */
export function relativeImports(source: string): string[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((file) => file.fileName)
    .filter((specifier) => specifier.startsWith("./") || specifier.startsWith("../"));
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;

/** The file a relative specifier names: `./a.js` is `a.ts` or `a.tsx`, `./dir` its index. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(from, "..", specifier).replace(/\.(js|jsx|mjs|cjs)$/, "");
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, "index.ts"),
    join(base, "index.tsx"),
  ];
  return candidates.find(
    (file) => SOURCE.test(file) && existsSync(file) && statSync(file).isFile(),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The graph of relative imports between the TypeScript files under `dir`. */
export function importGraph(dir: string): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(dir)) {
    const targets = relativeImports(readFileSync(file, "utf8"))
      .map((specifier) => resolveImport(file, specifier))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * Every import loop, one per group of files that reach each other (Tarjan's strongly connected
 * components), each as a path that starts and ends at the same file: `[a, b, a]`.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const edges = (node: string) => graph.get(node) ?? [];

  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of edges(node)) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group = new Set<string>();
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      group.add(member);
    } while (member !== node);
    if (group.size > 1 || edges(node).includes(node)) cycles.push(loopThrough(node, group, edges));
  };

  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return cycles;
}

/** A shortest path from `start` back to itself inside `group` (breadth first). */
function loopThrough(
  start: string,
  group: ReadonlySet<string>,
  edges: (node: string) => readonly string[],
): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (const node of queue) {
    for (const next of edges(node)) {
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        return [...path, start];
      }
      if (group.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
