// Every dialect times every kind of bad token: the client asks its provider for a new token at
// most once per refusal and ends in `unauthorized`, never reconnecting forever.
import { createHmac } from "node:crypto";
import type { DialectName, ParleyServer } from "@parley/server";
import { startTestServer, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { ChatAdapter } from "../src/adapter.js";
import { careSocketio } from "../src/adapters/care-socketio/index.js";
import { channelsWs } from "../src/adapters/channels-ws/index.js";
import { friendsWs } from "../src/adapters/friends-ws/index.js";
import { roomsWs } from "../src/adapters/rooms-ws/index.js";
import { supportSocketio } from "../src/adapters/support-socketio/index.js";
import { createChatClient } from "../src/client.js";

const adapters: Record<DialectName, () => ChatAdapter> = {
  "support-socketio": () => supportSocketio(),
  "friends-ws": () => friendsWs(),
  "care-socketio": () => careSocketio(),
  "channels-ws": () => channelsWs(),
  "rooms-ws": () => roomsWs(),
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A JWT for `sub` signed with `secret` (not the server's: a forged token). */
function forged(sub: string, secret: string): string {
  const head = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub, exp: 4102444800 })}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}

let server: ParleyServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const kinds: Record<string, () => Promise<string>> = {
  "not a JWT": async () => "not-a-jwt",
  "a JWT without a sub": async () =>
    `${base64url({ alg: "HS256" })}.${base64url({ exp: 4102444800 })}.c2ln`,
  "wrongly signed": async () => forged(testUsers.alice, "not-the-server-secret"),
  expired: () => server.token(testUsers.alice, -60),
  "for an unknown user": () => server.token("00000000-dead-4000-8000-000000000000"),
};

describe.each(Object.keys(adapters) as DialectName[])("%s with a bad token", (dialect) => {
  it.each(Object.keys(kinds))("%s: one refresh at most, then unauthorized", async (kind) => {
    const make = kinds[kind] as () => Promise<string>;
    let asked = 0;
    let refreshed = 0;
    const client = createChatClient({
      adapter: adapters[dialect](),
      url: server.url(dialect),
      auth: async ({ refresh }) => {
        asked += 1;
        if (refresh) refreshed += 1;
        return make();
      },
      WebSocket,
      backoff: { min: 5, max: 20 },
    });
    try {
      client.connect();
      await waitFor(client, (s) => s.connection.status === "unauthorized", 8000, "unauthorized");
      // One refresh at most; the provider may be asked again (not refreshed) for another purpose.
      expect(refreshed).toBeLessThanOrEqual(1);
      expect(asked).toBeLessThanOrEqual(4);
      const settled = asked;
      await new Promise((r) => setTimeout(r, 200));
      expect(asked).toBe(settled); // and nothing after: no reconnecting forever
      expect(client.getState().connection.status).toBe("unauthorized");
    } finally {
      client.destroy();
    }
  });
});
