import type { ParleyServer } from "@parley/server";
import { startTestServer, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { startWebSocketMitm, type WebSocketMitm } from "@parley/test-kit/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { friendsWs } from "../../src/adapters/friends-ws/index.js";
import { type ChatClient, createChatClient } from "../../src/client.js";
import { emptyThread, threadMessages } from "../../src/thread.js";
import {
  eventually,
  expectConsistent,
  fuzzThroughMitm,
  fuzzTimeout,
  protoKey,
  settle,
  shapedFrames,
  uncaughtCollector,
} from "./fuzz-kit.js";

/**
 * friends-ws frames from a hostile wire: a man in the middle between the client and the
 * reference server injects random and malformed frames (the types of `wire.ts`'s `Frame`), then
 * the client must still send and receive over the real server.
 */
const { alice, bob, carol } = testUsers;
let server: ParleyServer;
let mitm: WebSocketMitm;
let client: ChatClient;

beforeAll(async () => {
  server = await startTestServer({ dialects: ["friends-ws"] });
  mitm = await startWebSocketMitm(server.url("friends-ws"));
  client = createChatClient({
    adapter: friendsWs(),
    url: mitm.url,
    auth: () => server.token(alice),
    WebSocket,
    backoff: { min: 50, max: 500 },
    outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
  });
  client.connect();
  await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected");
  await client.openConversation(bob);
});
afterAll(async () => {
  client?.destroy();
  await mitm?.close();
  await server?.close();
});

const someId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(alice, bob, carol) },
  { weight: 3, arbitrary: protoKey },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer() },
);
const ids = fc.record({ peer: someId, message: someId, me: fc.constantFrom(alice, "__proto__") });
const status = fc.constantFrom("sent", "delivered", "read");

const frames = fc.tuple(status, fc.string({ maxLength: 30 })).chain(([state, text]) =>
  shapedFrames(ids, [
    ({ me }) => ({ type: "connection_established", user_id: me }),
    ({ peer }) => ({ type: "online_friends", friends: [peer, bob] }),
    ({ peer, message, me }) => ({
      type: "new_message",
      message: {
        message_id: message,
        sender_id: peer,
        receiver_id: me,
        content: text,
        status: state,
        created_at: "2026-01-01T00:00:00Z",
        sender: { account_id: peer, username: "who" },
      },
    }),
    ({ peer, message }) => ({
      type: "new_message",
      message: {
        message_id: message,
        sender_id: alice,
        receiver_id: peer,
        content: text,
        status: state,
        created_at: "2026-01-01T00:00:01Z",
      },
    }),
    ({ message }) => ({ type: "message_sent", message_id: message, status: state }),
    ({ message, peer }) => ({ type: "message_read", message_id: message, read_by: peer }),
    ({ peer }) => ({ type: "typing_indicator", user_id: peer, is_typing: true }),
    ({ message, peer }) => ({
      type: "message_delivered",
      message_id: message,
      delivered_to: peer,
    }),
    ({ message, peer }) => ({ type: "message_deleted", message_id: message, deleted_by: peer }),
    ({ peer }) => ({ type: "friend_online", user_id: peer }),
    ({ peer }) => ({ type: "friend_offline", user_id: peer }),
    () => ({ type: "error", code: 400, message: text }),
    ({ peer }) => ({ type: peer, user_id: peer }),
  ]),
);

/** The conversation's texts as the server stores them (REST history as alice). */
async function stored(friend: string): Promise<string[]> {
  const response = await fetch(
    `${server.url("friends-ws")}/api/v1/chat/messages/history/${friend}?limit=100`,
    { headers: { authorization: `Bearer ${await server.token(alice)}` } },
  );
  const page = (await response.json()) as { messages: Array<{ content: string }> };
  return page.messages.map((m) => m.content);
}

describe("friends-ws: hostile frames through a man in the middle", () => {
  it(
    "never throws, keeps the store consistent, and still sends and receives afterwards",
    async () => {
      // The wire was hostile: the client said so, and threw nothing.
      expect((await fuzzThroughMitm(client, mitm, frames)).length).toBeGreaterThan(0);
      const uncaught = uncaughtCollector(); // and nothing thrown while it goes on

      await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected again");
      const text = `after the fuzz ${Date.now()}`;
      client.send(bob, text);
      // Stored exactly once, and shown once. (Not looked up by the send's client id: a forged
      // frame may have taken the server id the real message gets, see the report.)
      await eventually(
        async () => (await stored(bob)).filter((t) => t === text).length === 1,
        "stored once",
      );
      await settle(500);
      expect((await stored(bob)).filter((t) => t === text).length).toBe(1);
      await waitFor(client, (s) =>
        threadMessages(s.threads[bob] ?? emptyThread).some((m) => m.text === text),
      );
      const shown = threadMessages(client.getState().threads[bob] ?? emptyThread);
      expect(shown.filter((m) => m.text === text)).toHaveLength(1);

      const reply = `bob answers ${Date.now()}`;
      const response = await fetch(`${server.url("friends-ws")}/api/v1/chat/messages/`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${await server.token(bob)}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ receiver_id: alice, content: reply }),
      });
      expect(response.ok).toBe(true);
      await waitFor(client, (s) =>
        threadMessages(s.threads[bob] ?? emptyThread).some((m) => m.text === reply),
      );
      expectConsistent(client.getState());
      expect(uncaught.caught).toEqual([]);
      uncaught.stop();
    },
    fuzzTimeout,
  );
});
