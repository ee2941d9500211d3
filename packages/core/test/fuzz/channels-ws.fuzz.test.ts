import type { ParleyServer } from "@parley/server";
import { startTestServer, testChannelsChats, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { startWebSocketMitm, type WebSocketMitm } from "@parley/test-kit/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { channelsWs } from "../../src/adapters/channels-ws/index.js";
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
 * channels-ws frames from a hostile wire: a man in the middle between the client (alice, in chat
 * A) and the reference server injects random and malformed frames (`{message}` and `{error}`,
 * wire.ts's `parseFrame`) on the chat's socket, then the client must still send, and receive what
 * bob sends over the real server.
 */
const { alice, bob } = testUsers;
const chat = testChannelsChats.a;
let server: ParleyServer;
let mitm: WebSocketMitm;
let client: ChatClient;
let other: ChatClient;

const options = (url: string, userId: string) => ({
  adapter: channelsWs(),
  url,
  auth: () => server.token(userId),
  WebSocket,
  backoff: { min: 50, max: 500 },
  outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
});

beforeAll(async () => {
  server = await startTestServer({ dialects: ["channels-ws"] });
  mitm = await startWebSocketMitm(server.url("channels-ws"));
  client = createChatClient(options(mitm.url, alice));
  other = createChatClient(options(server.url("channels-ws"), bob));
  client.connect();
  other.connect();
  await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected");
  await waitFor(other, (s) => s.connection.status === "connected", 8000, "bob connected");
  await client.openConversation(chat);
  await other.openConversation(chat);
  // The chat's socket is open: injected frames reach it.
  await eventually(() => mitm.sockets > 0, "the chat's socket");
});
afterAll(async () => {
  client?.destroy();
  other?.destroy();
  await mitm?.close();
  await server?.close();
});

/** Message ids are UUID strings on the wire. */
const someId = fc.oneof(
  { weight: 3, arbitrary: protoKey },
  { weight: 3, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom(chat, "", "1") },
  { weight: 1, arbitrary: fc.integer() },
);
const ids = fc.record({ message: someId });
const role = fc.constantFrom("patient", "professional", "__proto__", "constructor");

const frames = fc.tuple(role, fc.string({ maxLength: 30 })).chain(([sender, text]) =>
  shapedFrames(ids, [
    ({ message }) => ({
      message: {
        id: message,
        content: text,
        sender_type: sender,
        created_at: "2026-01-01T00:00:00Z",
      },
    }),
    () => ({ error: text }),
    ({ message }) => ({ type: "chat_message", message: { id: message }, error: null }),
  ]),
);

/** How many stored messages of the chat have `text` (REST as bob). */
async function storedCount(text: string): Promise<number> {
  const response = await fetch(
    `${server.url("channels-ws")}/chat/chats/${chat}/messages/?page=1&page_size=100`,
    { headers: { authorization: `Bearer ${await server.token(bob)}` } },
  );
  const body = (await response.json()) as { results: Array<{ content: string }> };
  return body.results.filter((m) => m.content === text).length;
}

const shown = (of: ChatClient, text: string) =>
  threadMessages(of.getState().threads[chat] ?? emptyThread).filter((m) => m.text === text);

describe("channels-ws: hostile frames through a man in the middle", () => {
  it(
    "never throws, keeps the store consistent, and still sends and receives afterwards",
    async () => {
      // The wire was hostile: the client said so, and threw nothing.
      expect((await fuzzThroughMitm(client, mitm, frames)).length).toBeGreaterThan(0);
      const uncaught = uncaughtCollector(); // and nothing thrown while it goes on

      await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected again");
      const text = `after the fuzz ${Date.now()}`;
      client.send(chat, text);
      await eventually(async () => (await storedCount(text)) === 1, "stored once");
      await waitFor(other, () => shown(other, text).length > 0, 8000, "bob got it");
      await waitFor(client, () => shown(client, text).length > 0, 8000, "alice shows it");
      await settle(500);
      expect(await storedCount(text)).toBe(1);
      expect(shown(client, text)).toHaveLength(1);

      const reply = `bob answers ${Date.now()}`;
      other.send(chat, reply);
      await waitFor(client, () => shown(client, reply).length > 0, 8000, "alice got bob's");
      expect(shown(client, reply)).toHaveLength(1);
      expectConsistent(client.getState());
      expect(uncaught.caught).toEqual([]);
      uncaught.stop();
    },
    fuzzTimeout,
  );
});
