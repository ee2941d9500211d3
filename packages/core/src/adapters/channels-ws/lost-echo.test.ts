import type { ParleyServer } from "@parley/server";
import { startTestServer, testChannelsChats, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { createChatClient } from "../../client.js";
import { emptyThread, findMessage } from "../../thread.js";
import { channelsWs } from "./index.js";

// A backend without the chat list (the deployed one) names a message's sender by role only, and
// the client learns its own role from its first echo. Found by the process-kill chaos test: when
// that echo was lost with the link, the history check took our stored message for the other
// person's and the message was stored twice.
const chat = testChannelsChats.a;
let server: ParleyServer;

beforeAll(async () => {
  server = await startTestServer({ dialects: ["channels-ws"] });
});
afterAll(() => server.close());

async function storedCount(text: string): Promise<number> {
  const response = await fetch(
    `${server.url("channels-ws")}/chat/chats/${chat}/messages/?page=1&page_size=100`,
    { headers: { authorization: `Bearer ${await server.token(testUsers.bob)}` } },
  );
  const body = (await response.json()) as { results: Array<{ content: string }> };
  return body.results.filter((m) => m.content === text).length;
}

/** The server without its chat list: 404 for `GET /chat/chats/`, history as before. */
const withoutList: typeof fetch = (input, init) =>
  /\/chat\/chats\/(\?.*)?$/.test(String(input))
    ? Promise.resolve(Response.json({ detail: "Not found." }, { status: 404 }))
    : fetch(input, init);

describe("channels-ws without the chat list", () => {
  it("proves a first send whose echo was lost by history, and never sends it twice", async () => {
    const bob = createChatClient({
      adapter: channelsWs(),
      url: server.url("channels-ws"),
      auth: () => server.token(testUsers.bob),
      fetch: withoutList,
      WebSocket,
      backoff: { min: 50, max: 500 },
      outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
    });
    try {
      bob.connect();
      await waitFor(bob, (s) => s.connection.status === "connected");
      await bob.openConversation(chat);
      expect(bob.getState().capabilities.conversationList).toBe(false);

      server.pauseDelivery();
      const text = "my first words, their echo lost with the link";
      const first = bob.send(chat, text);
      await vi.waitFor(async () => expect(await storedCount(text)).toBe(1));
      server.dropConnections("channels-ws");
      server.resumeDelivery();
      const confirmed = await waitFor(bob, (s) => {
        const m = findMessage(s.threads[chat] ?? emptyThread, first.clientId);
        return m?.status === "sent" ? m : undefined;
      });
      expect(confirmed.senderId).toBe(testUsers.bob);
      expect(await storedCount(text)).toBe(1);
    } finally {
      bob.destroy();
    }
  });
});
