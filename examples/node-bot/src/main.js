// @ts-check
// Runs the bot against the demo server: PARLEY_DIALECT, PARLEY_URL and PARLEY_TOKEN say where
// and as whom (`npm run demo` prints URLs and tokens).
import { createChatClient } from "@parley/core";
import { WebSocket } from "ws";
import { startBot } from "./bot.js";

const dialect = process.env.PARLEY_DIALECT ?? "friends-ws";
const url = process.env.PARLEY_URL ?? "http://127.0.0.1:8001";
const token = process.env.PARLEY_TOKEN;
if (!token) {
  console.error(
    "Set PARLEY_TOKEN to a token printed by `npm run demo` (and PARLEY_DIALECT, PARLEY_URL).",
  );
  process.exit(2);
}

const adapters = {
  "support-socketio": async () =>
    (await import("@parley/core/adapters/support-socketio")).supportSocketio(),
  "friends-ws": async () => (await import("@parley/core/adapters/friends-ws")).friendsWs(),
  "care-socketio": async () => (await import("@parley/core/adapters/care-socketio")).careSocketio(),
  "channels-ws": async () => (await import("@parley/core/adapters/channels-ws")).channelsWs(),
  "rooms-ws": async () => (await import("@parley/core/adapters/rooms-ws")).roomsWs(),
};
const load = adapters[/** @type {keyof typeof adapters} */ (dialect)];
if (!load) {
  console.error(`Unknown dialect ${dialect}; one of ${Object.keys(adapters).join(", ")}`);
  process.exit(2);
}

const client = createChatClient({ adapter: await load(), url, auth: token, WebSocket });
client.on("connection", (state) => console.log(`connection: ${state.status}`));
client.on("error", (error) => console.error(`error: ${error.code}: ${error.message}`));
startBot(client, (text) => `You said: ${text}`);
client.connect();
process.once("SIGINT", () => {
  client.destroy();
  process.exit(0);
});
