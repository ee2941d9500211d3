// Helpers for suites against the reference server, in Node only (sockets, vitest's expect).
export type { FreezingProxy } from "./freezing-proxy.js";
export { startFreezingProxy } from "./freezing-proxy.js";
export { expectExactlyOnce, sendAcrossRestart } from "./restart-scenario.js";
export type { ServerProcessOptions } from "./server-process.js";
export { ServerProcess } from "./server-process.js";
export type { WebSocketMitm } from "./websocket-mitm.js";
export { startWebSocketMitm } from "./websocket-mitm.js";
