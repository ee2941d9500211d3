import { type ChatAdapter, createChatClient } from "@parley/core";
import { createIdbCache } from "@parley/core/idb";
import { indexTerms, type SearchableClient, withSearch } from "@parley/core/search";
import type { DemoConfig, DemoUser, Dialect } from "./config.js";
import { relayFetch } from "./relay-fetch.js";

// An app usually speaks one dialect and imports one adapter. This demo offers all five and
// loads only the one it is asked for: each adapter is an entry point of its own, so a bundler
// puts each in a chunk of its own (with socket.io-client for the two Socket.IO dialects).
async function adapterFor(
  config: DemoConfig,
  dialect: Dialect,
  user: DemoUser,
): Promise<ChatAdapter> {
  switch (dialect) {
    case "support-socketio": {
      const { supportSocketio } = await import("@parley/core/adapters/support-socketio");
      // The app knows who staffs its desk; a deployed backend's tokens may not say.
      return user.roles.includes("admin")
        ? supportSocketio({ role: "admin" })
        : supportSocketio({
            role: "user",
            ...(config.supportAdminId ? { defaultAdminId: config.supportAdminId } : {}),
          });
    }
    case "friends-ws":
      return (await import("@parley/core/adapters/friends-ws")).friendsWs();
    case "care-socketio":
      return (await import("@parley/core/adapters/care-socketio")).careSocketio();
    case "channels-ws":
      return (await import("@parley/core/adapters/channels-ws")).channelsWs();
    case "rooms-ws": {
      const { roomsWs } = await import("@parley/core/adapters/rooms-ws");
      return roomsWs({ participant: user.roomsParticipant ?? "customer" });
    }
  }
}

/**
 * A client for one demo user on one dialect; the caller connects and destroys it. The IndexedDB
 * cache shows the last history at once on reload and keeps unsent messages across reloads.
 */
export async function makeClient(
  config: DemoConfig,
  dialect: Dialect,
  user: DemoUser,
): Promise<SearchableClient> {
  const endpoint = config.dialects[dialect];
  const relay = endpoint.relay && new URL(endpoint.relay, window.location.href).href;
  // The cache keeps each message's words, so search finds cached history offline too.
  const cache = createIdbCache({ server: endpoint.url, user: user.id, terms: indexTerms });
  const client = createChatClient({
    adapter: await adapterFor(config, dialect, user),
    url: endpoint.url,
    auth: user.token,
    cache,
    // The app knows its people: names from the first frame, whatever the dialect says. rooms-ws
    // also knows them by ids of its own; no other backend has those people (a people picker
    // would offer them).
    users: config.users.flatMap((u) => [
      { id: u.id, name: u.name },
      ...(dialect === "rooms-ws" && u.roomsId ? [{ id: u.roomsId, name: u.name }] : []),
    ]),
    ...(relay ? { fetch: relayFetch(endpoint.url, relay) } : {}),
  });
  return withSearch(client, { cache });
}
