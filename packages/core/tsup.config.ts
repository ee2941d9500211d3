import { defineConfig } from "tsup";
import list from "./adapters.json" with { type: "json" };

/** One entry per adapter, from the one list of them. */
const adapters = list.adapters.map((adapter) => adapter.name);

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "adapter-kit": "src/adapter-kit.ts",
    idb: "src/idb/index.ts",
    search: "src/search/index.ts",
    ...Object.fromEntries(adapters.map((a) => [`adapters/${a}`, `src/adapters/${a}/index.ts`])),
  },
  format: ["esm", "cjs"],
  dts: true,
  target: "es2022",
  platform: "neutral",
  // Shared code lands in chunks, so an app that imports two adapters carries the core once.
  splitting: true,
  treeshake: true,
  clean: true,
  sourcemap: true,
  external: ["idb", "socket.io-client", "zustand", "zustand/vanilla"],
});
