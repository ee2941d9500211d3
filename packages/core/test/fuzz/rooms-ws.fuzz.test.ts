import type { ParleyServer } from "@parley/server";
import { startTestServer, testRoomsChats, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { startWebSocketMitm, type WebSocketMitm } from "@parley/test-kit/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { roomsWs } from "../../src/adapters/rooms-ws/index.js";
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
 * rooms-ws frames from a hostile wire: a man in the middle between the client (alice, customer,
 * in room one) and the reference server injects random and malformed frames (the types of
 * `wire.ts`'s `ServerFrame`), then the client must still send and receive over the real server.
 */
const { alice, bob } = testUsers;
const one = String(testRoomsChats.one);
let server: ParleyServer;
let mitm: WebSocketMitm;
let client: ChatClient;

beforeAll(async () => {
  server = await startTestServer({ dialects: ["rooms-ws"] });
  mitm = await startWebSocketMitm(server.url("rooms-ws"));
  client = createChatClient({
    adapter: roomsWs({ participant: "customer" }),
    url: mitm.url,
    auth: () => server.token(alice),
    WebSocket,
    backoff: { min: 50, max: 500 },
    outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
  });
  client.connect();
  await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected");
  await client.openConversation(one);
});
afterAll(async () => {
  client?.destroy();
  await mitm?.close();
  await server?.close();
});

/** Ids are integers on the wire: real ones, others, and values that are no ids at all. */
const someId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(1, 2, 4) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 10_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 2 ** 53 - 1, 1.5, -0) },
  { weight: 2, arbitrary: protoKey },
);
const ids = fc.record({ chat: someId, person: someId, message: someId });
const kind = fc.constantFrom("user", "customer", "__proto__");

const frames = fc
  .tuple(kind, fc.string({ maxLength: 30 }), fc.boolean())
  .chain(([type, text, flag]) =>
    shapedFrames(ids, [
      ({ person }) => ({ type: "connected", participant_type: type, participant_id: person }),
      ...(["message", "message_updated", "message_deleted"] as const).map(
        (name) =>
          ({ chat, person, message }: { chat: unknown; person: unknown; message: unknown }) => ({
            type: name,
            message: {
              id: message,
              chat_id: chat,
              sender_type: type,
              sender_id: person,
              sender_name: text,
              content: text,
              message_type: "text",
              media_url: flag ? "/uploads/x.png" : null,
              reply_to_id: flag ? message : null,
              is_edited: flag,
              is_deleted: name === "message_deleted",
              created_at: "2026-01-01T00:00:00",
              edited_at: flag ? "2026-01-01T00:00:01Z" : null,
              read_by: [person],
            },
          }),
      ),
      ({ chat, person }) => ({
        type: "typing",
        chat_id: chat,
        participant_id: person,
        participant_type: type,
        is_typing: flag,
      }),
      ({ chat, person, message }) => ({
        type: "read_receipt",
        chat_id: chat,
        message_id: message,
        reader_id: person,
        reader_type: type,
      }),
      ({ chat, person }) => ({
        type: flag ? "user_joined" : "user_left",
        chat_id: chat,
        participant_id: person,
        participant_type: type,
      }),
      ({ chat, person, message }) => ({
        type: "chat_created",
        chat: {
          id: chat,
          title: text,
          participants: [
            { participant_type: type, participant_id: person, name: text, is_online: flag },
          ],
          last_message: {
            id: message,
            chat_id: chat,
            sender_id: person,
            content: text,
            created_at: "2026-01-01T00:00:00Z",
          },
          unread_count: 1,
        },
      }),
      () => ({ type: "error", error: text }),
      () => ({ type: "pong", timestamp: text }),
      ({ chat }) => ({ type: chat, chat_id: chat }),
    ]),
  );

/** How many stored messages of room one have `text` (REST as bob). */
async function storedCount(text: string): Promise<number> {
  const response = await fetch(
    `${server.url("rooms-ws")}/api/v1/chat/chats/${one}/messages?page=1&page_size=100`,
    { headers: { authorization: `Bearer ${await server.token(bob)}` } },
  );
  const page = (await response.json()) as { messages: Array<{ content: string | null }> };
  return page.messages.filter((m) => m.content === text).length;
}

describe("rooms-ws: hostile frames through a man in the middle", () => {
  it(
    "never throws, keeps the store consistent, and still sends and receives afterwards",
    async () => {
      // The wire was hostile: the client said so, and threw nothing.
      expect((await fuzzThroughMitm(client, mitm, frames)).length).toBeGreaterThan(0);
      const uncaught = uncaughtCollector(); // and nothing thrown while it goes on

      await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected again");
      const text = `after the fuzz ${Date.now()}`;
      client.send(one, text);
      // Stored exactly once, and shown once. (Not looked up by the send's client id: a forged
      // frame may have taken the server id the real message gets, see the report.)
      await eventually(async () => (await storedCount(text)) === 1, "stored once");
      await settle(500);
      expect(await storedCount(text)).toBe(1);
      await waitFor(client, (s) =>
        threadMessages(s.threads[one] ?? emptyThread).some((m) => m.text === text),
      );
      const shown = threadMessages(client.getState().threads[one] ?? emptyThread);
      expect(shown.filter((m) => m.text === text)).toHaveLength(1);

      const reply = `bob answers ${Date.now()}`;
      const response = await fetch(`${server.url("rooms-ws")}/api/v1/chat/chats/${one}/messages`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${await server.token(bob)}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ content: reply }),
      });
      expect(response.ok).toBe(true);
      await waitFor(client, (s) =>
        threadMessages(s.threads[one] ?? emptyThread).some((m) => m.text === reply),
      );
      expectConsistent(client.getState());
      expect(uncaught.caught).toEqual([]);
      uncaught.stop();
    },
    fuzzTimeout,
  );
});
