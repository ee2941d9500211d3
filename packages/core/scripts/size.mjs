// Size budgets, checked on the build output as an app would bundle it: minified, gzipped,
// dependencies included, what loads on demand (the cache link) in chunks of its own. Fails
// (exit 1) when a budget is exceeded.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import list from "../adapters.json" with { type: "json" };

const KB = 1024;
// Budgets: docs/decisions/0004-size-budgets-for-two-profiles.md says why they are what they are.
/** The goals, in KB: core plus a raw WebSocket adapter, a Socket.IO adapter, the cache. */
const goals = { websocket: 15, "socket.io": 4, idb: 7, search: 3 };
/** Rows still above their goal, in KB: just above what they measured (0004 says what is left). */
const stillOver = {
  "friends-ws": 20.2,
  "rooms-ws": 20.4,
  "channels-ws": 17.7,
  "support-socketio": 4.8,
  "care-socketio": 4.25,
  idb: 8.8,
};
const budget = (row, goal) => (stillOver[row] ?? goals[goal]) * KB;
/** The adapters of one transport, from the one list of them (adapters.json). */
const over = (transport) =>
  list.adapters.filter((adapter) => adapter.transport === transport).map((a) => a.name);
const rawWebSocket = over("websocket");
const socketIo = over("socket.io");
const unbudgeted = list.adapters.filter((a) => !["websocket", "socket.io"].includes(a.transport));
if (unbudgeted.length > 0) {
  console.error(`no size budget for the transport of ${unbudgeted.map((a) => a.name).join(", ")}`);
  process.exit(1);
}
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

/**
 * Bundles `source` as an app's bundler would, splitting what is imported on demand into chunks
 * of their own: answers the gzipped size of what loads up front (the entry and its static
 * imports), or with `lazy` of every chunk (an app that uses what loads on demand).
 */
async function gzipped(source, { lazy = false } = {}) {
  mkdirSync(".size", { recursive: true });
  const entry = `.size/entry-${++entries}.js`;
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    minify: true,
    format: "esm",
    platform: "browser",
    outdir: ".size/out",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = result.metafile.outputs;
  const files = new Map(
    result.outputFiles.map((file) => [relative(process.cwd(), file.path), file]),
  );
  const start = Object.keys(outputs).find((name) => outputs[name].entryPoint === entry);
  const counted = new Set();
  const visit = (name) => {
    if (counted.has(name)) return;
    counted.add(name);
    for (const imported of outputs[name].imports) {
      if (imported.external) continue;
      if (imported.kind === "import-statement" || lazy) visit(imported.path);
    }
  };
  visit(start);
  let size = 0;
  for (const name of counted) size += gzipSync(files.get(name).contents, { level: 9 }).length;
  return size;
}
let entries = 0;

const uses = (names) => `globalThis.keep = [${names.join(", ")}];`;
const client = `import { createChatClient } from "../dist/index.js";`;

const rows = [];
let failed = false;
const check = (label, size, budget) => {
  const ok = size <= budget;
  failed ||= !ok;
  rows.push(
    `${ok ? "ok  " : "OVER"} ${label.padEnd(44)} ${(size / KB).toFixed(2).padStart(6)} KB  (budget ${budget / KB} KB)`,
  );
};

for (const name of rawWebSocket) {
  const size = await gzipped(
    `${client} import { ${camel(name)} } from "../dist/adapters/${name}.js"; ${uses(["createChatClient", camel(name)])}`,
  );
  check(`core + ${name} (all dependencies)`, size, budget(name, "websocket"));
}
const baseline = await gzipped(
  `${client} import { io } from "socket.io-client"; ${uses(["createChatClient", "io"])}`,
);
for (const name of socketIo) {
  const size = await gzipped(
    `${client} import { ${camel(name)} } from "../dist/adapters/${name}.js"; import { io } from "socket.io-client"; ${uses(["createChatClient", camel(name), "io"])}`,
  );
  check(`${name} on top of core + socket.io-client`, size - baseline, budget(name, "socket.io"));
}
const core = await gzipped(`${client} ${uses(["createChatClient"])}`);
// An app with a cache also loads the cache link, which the client imports on demand.
const withCache = await gzipped(
  `${client} import { createIdbCache } from "../dist/idb.js"; ${uses(["createChatClient", "createIdbCache"])}`,
  { lazy: true },
);
// Local search is its own entry: an app that does not import it carries none of it.
const withSearch = await gzipped(
  `${client} import { withSearch } from "../dist/search.js"; ${uses(["createChatClient", "withSearch"])}`,
);
rmSync(".size", { recursive: true, force: true });
check("idb cache (with idb) on top of core", withCache - core, budget("idb", "idb"));
check("search on top of core", withSearch - core, budget("search", "search"));
console.log(rows.join("\n"));
if (failed) {
  console.error("size budget exceeded");
  process.exit(1);
}
