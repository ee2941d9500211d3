// Several sends of one conversation on the wire at once (the adapters' `sendWindow`), against the
// reference server over loopback in the profile of the run (seed, or field in core-field): order
// kept, a refusal or a drop in the middle of a window loses and doubles nothing, and every
// confirmation is matched to its own send.
import type { ParleyServer } from "@parley/server";
import { startTestServer, testProfile, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { expectExactlyOnce } from "@parley/test-kit/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { AdapterSession, ChatAdapter } from "../adapter.js";
import { type ChatClient, createChatClient } from "../client.js";
import type { Message } from "../model.js";
import { emptyThread, threadMessages } from "../thread.js";
import { careSocketio } from "./care-socketio/index.js";
import { friendsWs } from "./friends-ws/index.js";

const { alice, bob } = testUsers;
const field = testProfile() === "field";
type Dialect = "friends-ws" | "care-socketio";

let server: ParleyServer;
const clients: ChatClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
});

/** A token as the profile's server reads them (friends-ws field: `sub` is the username). */
function token(dialect: Dialect, userId: string): Promise<string> {
  if (!field || dialect !== "friends-ws") return server.token(userId);
  const user = server.directory.user(userId);
  return server.tokens.sign(user?.username ?? userId, {
    claims: { user_id: userId, role: [...(user?.roles ?? [])][0] },
  });
}

/** The adapter, with the most sends it ever had waiting for their answers at once. */
function counted(adapter: ChatAdapter) {
  let waiting = 0;
  let most = 0;
  const wrapped: ChatAdapter = {
    name: adapter.name,
    capabilities: adapter.capabilities,
    createSession(context) {
      const session: AdapterSession = adapter.createSession(context);
      const send = session.send.bind(session);
      session.send = async (outgoing) => {
        most = Math.max(most, ++waiting);
        try {
          return await send(outgoing);
        } finally {
          waiting -= 1;
        }
      };
      return session;
    },
  };
  return { adapter: wrapped, most: () => most };
}

const messages = (client: ChatClient, conversationId: string): readonly Message[] =>
  threadMessages(client.getState().threads[conversationId] ?? emptyThread);

describe.each(["friends-ws", "care-socketio"] as const)(
  "%s with several sends in flight",
  (dialect) => {
    const make = () =>
      dialect === "friends-ws" ? friendsWs({ maxTextLength: 5000 }) : careSocketio();

    function connect(userId: string, adapter: ChatAdapter = make()): ChatClient {
      const client = createChatClient({
        adapter,
        url: server.url(dialect),
        auth: () => token(dialect, userId),
        WebSocket,
        backoff: { min: 50, max: 500 },
        maxTextLength: 5000,
        pageSize: 100,
        outbox: { ackTimeoutMs: 3000, retryBackoff: { min: 50, max: 500 } },
      });
      clients.push(client);
      client.connect();
      return client;
    }

    async function pair() {
      const spy = counted(make());
      const a = connect(alice, spy.adapter);
      const b = connect(bob);
      for (const client of [a, b])
        await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected");
      await a.openConversation(bob);
      await b.openConversation(alice);
      return { a, b, most: spy.most };
    }

    /** What the server stored, as a new client of bob's reads it from history. */
    async function stored(batch: readonly string[]): Promise<void> {
      const reader = connect(bob);
      await waitFor(reader, (s) => s.connection.status === "connected", 8000, "reader");
      await reader.openConversation(alice);
      await expectExactlyOnce(reader, alice, batch);
    }

    beforeEach(async ({ task }) => {
      // The server's own rate limit (20 frames/s, burst 40) only where a test is about it.
      const limited = task.name.includes("rate limit");
      server = await startTestServer({
        dialects: [dialect],
        ...(limited ? {} : { limits: { ratePerSecond: 100_000, rateBurst: 100_000 } }),
      });
    });

    it("sends many at once in order: each stored, shown and received once, in the order sent", async () => {
      const { a, b, most } = await pair();
      const batch = Array.from({ length: 60 }, (_, i) => `burst ${i}`);
      for (const text of batch) a.send(bob, text);
      await expectExactlyOnce(a, bob, batch, (m) => m.id !== undefined);
      await expectExactlyOnce(b, alice, batch);
      expect(most()).toBeGreaterThan(1);
      await stored(batch);
    });

    it("a refusal in the middle of a window fails that message alone; the others match their own sends", async () => {
      const { a, b, most } = await pair();
      const long = "x".repeat(4500); // over both profiles' limits, under the client's
      const batch = Array.from({ length: 12 }, (_, i) => (i === 5 ? long : `mixed ${i}`));
      const sent = batch.map((text) => a.send(bob, text));
      const kept = batch.filter((text) => text !== long);
      await expectExactlyOnce(a, bob, kept, (m) => m.id !== undefined);
      await waitFor(
        a,
        () => messages(a, bob).find((m) => m.clientId === sent[5]?.clientId)?.status === "failed",
        8000,
        "the long one failed",
      );
      await expectExactlyOnce(b, alice, kept);
      // Every confirmation carries the id the server gave that very text.
      const received = new Map(messages(b, alice).map((m) => [m.text, m.id]));
      for (const m of messages(a, bob).filter((m) => kept.includes(m.text)))
        expect(m.id).toBe(received.get(m.text));
      expect(most()).toBeGreaterThan(1);
      await stored(kept);
    });

    it("a drop with several in flight loses and doubles nothing, and keeps the order", async () => {
      const { a, b } = await pair();
      const batch = Array.from({ length: 40 }, (_, i) => `drop ${i}`);
      for (const text of batch.slice(0, 30)) a.send(bob, text);
      await Promise.resolve();
      server.dropConnections();
      for (const text of batch.slice(30)) a.send(bob, text);
      await expectExactlyOnce(a, bob, batch, (m) => m.id !== undefined && m.status !== "pending");
      await waitFor(b, (s) => s.connection.status === "connected", 15_000, "bob back");
      await expectExactlyOnce(b, alice, batch);
      await stored(batch);
    });

    // A rate limit may refuse a send of a window and take a later one already on its way (its
    // budget refilled in between): that one is stored first, and both sides show the server's
    // order (docs/decisions/0008-pipelined-outbox.md). Nothing is lost or doubled.
    it("sends past the server's rate limit wait and go again: each stored and shown once", async () => {
      const { a, b } = await pair();
      const batch = Array.from({ length: 70 }, (_, i) => `limited ${i}`);
      for (const text of batch) a.send(bob, text);
      const ours = (client: ChatClient, other: string) =>
        messages(client, other).filter((m) => batch.includes(m.text));
      await waitFor(
        a,
        () => batch.every((t) => ours(a, bob).some((m) => m.text === t && m.id !== undefined)),
        15_000,
        "all confirmed",
      );
      await waitFor(b, () => ours(b, alice).length >= batch.length, 15_000, "all received");
      const shown = ours(a, bob).map((m) => m.text);
      expect([...shown].sort()).toEqual([...batch].sort());
      expect(ours(b, alice).map((m) => m.text)).toEqual(shown);
      const reader = connect(bob);
      await waitFor(reader, (s) => s.connection.status === "connected", 8000, "reader");
      await reader.openConversation(alice);
      await waitFor(reader, () => ours(reader, alice).length >= batch.length, 8000, "history");
      expect(ours(reader, alice).map((m) => m.text)).toEqual(shown);
    });
  },
);
