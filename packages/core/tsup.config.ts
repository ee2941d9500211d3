import { defineConfig } from "tsup";

const adapters = ["support-socketio", "friends-ws", "care-socketio", "channels-ws", "rooms-ws"];

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "adapter-kit": "src/adapter-kit.ts",
    idb: "src/idb/index.ts",
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
