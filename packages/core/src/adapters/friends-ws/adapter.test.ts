import type { ParleyServer } from "@parley/server";
import { startTestServer, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { expectExactlyOnce, sendAcrossRestart } from "@parley/test-kit/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type ChatClient, createChatClient } from "../../client.js";
import { defaultRandom, defaultTimers } from "../../environment.js";
import type { Message } from "../../model.js";
import type { ChatState } from "../../state.js";
import { threadMessages } from "../../thread.js";
import { friendsWs } from "./index.js";

const { alice, bob, carol, mallory } = testUsers;
let server: ParleyServer;
const clients: ChatClient[] = [];

beforeEach(async () => {
  server = await startTestServer({ dialects: ["friends-ws"] });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
});

interface ConnectOptions {
  auth?: () => Promise<string>;
  pageSize?: number;
  WebSocket?: unknown;
}

function connect(userId: string, options: ConnectOptions = {}) {
  const client = createChatClient({
    adapter: friendsWs(),
    url: server.url("friends-ws"),
    auth: options.auth ?? (() => server.token(userId)),
    WebSocket: options.WebSocket ?? WebSocket,
    backoff: { min: 50, max: 500 },
    outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  clients.push(client);
  client.connect();
  return client;
}

async function online(userId: string, options: Parameters<typeof connect>[1] = {}) {
  const client = connect(userId, options);
  await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected");
  return client;
}

const messages = (state: ChatState, conversationId: string): readonly Message[] => {
  const thread = state.threads[conversationId];
  return thread ? threadMessages(thread) : [];
};
const byClient = (state: ChatState, conversationId: string, clientId: string) =>
  messages(state, conversationId).find((m) => m.clientId === clientId);
const texts = (client: ChatClient, conversationId: string) =>
  messages(client.getState(), conversationId).map((m) => m.text);
const find = (client: ChatClient, conversationId: string, text: string) =>
  messages(client.getState(), conversationId).find((m) => m.text === text);

/** Sends over REST as `from` (a message the clients did not send themselves). */
async function post(from: string, to: string, content: string): Promise<string> {
  const response = await fetch(`${server.url("friends-ws")}/api/v1/chat/messages/`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await server.token(from)}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ receiver_id: to, content }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { message_id: string }).message_id;
}

describe("friends-ws adapter against the reference server", () => {
  it("two friends exchange messages; each sees every message once, the sender's confirmed", async () => {
    const a = await online(alice);
    const b = await online(bob);
    expect(a.getState().me).toBe(alice);
    await a.openConversation(bob);
    await b.openConversation(alice);

    const sent = a.send(bob, "hello bob");
    expect(sent.status).toBe("pending");
    const confirmed = await waitFor(a, (s) => {
      const m = byClient(s, bob, sent.clientId);
      return m?.id !== undefined ? m : undefined;
    });
    expect(confirmed.senderId).toBe(alice);
    expect(confirmed.conversationId).toBe(bob);
    expect(confirmed.status).toBe("delivered"); // bob had a live socket
    const received = await waitFor(b, () => find(b, alice, "hello bob"));
    expect(received.id).toBe(confirmed.id);
    expect(received.clientId).toBe(`id:${confirmed.id}`);
    expect(received.senderId).toBe(alice);
    expect(received.extra?.sender).toMatchObject({ account_id: alice, username: "alice" });

    b.send(alice, "hi alice");
    await waitFor(a, () => texts(a, bob).includes("hi alice"));
    await waitFor(b, (s) => messages(s, alice).every((m) => m.id !== undefined));
    for (const [client, peer] of [
      [a, bob],
      [b, alice],
    ] as const) {
      expect(texts(client, peer)).toEqual(["hello bob", "hi alice"]);
    }
  });

  it("refuses a send to a non-friend without disturbing the sends after it", async () => {
    const a = await online(alice);
    const refused = a.send(mallory, "let me in");
    const ok = a.send(bob, "after the refusal");
    const failed = await waitFor(a, (s) => {
      const m = byClient(s, mallory, refused.clientId);
      return m?.status === "failed" ? m : undefined;
    });
    expect(failed.error?.code).toBe("forbidden");
    const confirmed = await waitFor(a, (s) => {
      const m = byClient(s, bob, ok.clientId);
      return m?.id !== undefined ? m : undefined;
    });
    expect(confirmed.text).toBe("after the refusal");
  });

  it("relays typing, presence and read receipts; delivery comes with the extension", async () => {
    const a = await online(alice);
    expect(a.getState().presence[bob]).toBeUndefined();
    const b = await online(bob);
    await waitFor(a, (s) => s.presence[bob]?.online === true, 8000, "bob online");
    await waitFor(b, (s) => s.presence[alice]?.online === true, 8000, "alice online");
    await a.openConversation(bob);
    await b.openConversation(alice);

    a.typing(bob);
    await waitFor(b, (s) => s.typing[alice]?.includes(alice), 8000, "alice typing");
    a.stopTyping(bob);
    await waitFor(b, (s) => s.typing[alice]?.length === 0, 8000, "alice stopped");

    const sent = a.send(bob, "read me");
    await waitFor(b, () => find(b, alice, "read me"));
    expect(b.getState().conversations[alice]?.unreadCount).toBe(1);
    await b.markRead(alice);
    expect(b.getState().conversations[alice]?.unreadCount).toBe(0);
    await waitFor(a, (s) => byClient(s, bob, sent.clientId)?.status === "read");

    // carol is offline: stored "sent", "delivered" once she fetches it (message_delivered).
    const later = a.send(carol, "for later");
    await waitFor(a, (s) => byClient(s, carol, later.clientId)?.status === "sent");
    const c = await online(carol);
    await waitFor(a, (s) => s.presence[carol]?.online === true, 8000, "carol online");
    await c.openConversation(alice);
    expect(texts(c, alice)).toEqual(["for later"]);
    await waitFor(a, (s) => byClient(s, carol, later.clientId)?.status === "delivered");

    c.disconnect();
    await waitFor(a, (s) => s.presence[carol]?.online === false, 8000, "carol offline");
  });

  it("pages history with loadOlder, oldest first, until the start", async () => {
    for (let i = 0; i < 7; i++)
      await post(i % 2 === 0 ? alice : carol, i % 2 ? alice : carol, `m${i}`);
    const c = await online(carol, { pageSize: 3 });
    await c.openConversation(alice);
    expect(texts(c, alice)).toEqual(["m4", "m5", "m6"]);
    expect(await c.loadOlder(alice)).toBe(true);
    expect(texts(c, alice)).toEqual(["m1", "m2", "m3", "m4", "m5", "m6"]);
    expect(await c.loadOlder(alice)).toBe(false);
    expect(texts(c, alice)).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "m6"]);
    const mine = messages(c.getState(), alice).filter((m) => m.senderId === carol);
    expect(mine.map((m) => m.text)).toEqual(["m1", "m3", "m5"]);

    // The session's pages themselves: oldest first, the cursor is the next skip, null at the start.
    const session = friendsWs().createSession({
      url: server.url("friends-ws"),
      token: () => server.token(carol),
      fetch,
      WebSocket,
      timers: defaultTimers,
      random: defaultRandom,
      emit: () => {},
    });
    const newest = await session.history?.(alice, null, 4);
    expect(newest?.messages.map((m) => m.text)).toEqual(["m3", "m4", "m5", "m6"]);
    expect(newest?.cursor).toBe("4");
    const oldest = await session.history?.(alice, "4", 4);
    expect(oldest?.messages.map((m) => m.text)).toEqual(["m0", "m1", "m2"]);
    expect(oldest?.cursor).toBeNull();
  });

  it("lists the conversations it has seen, with unread counts, and deletes", async () => {
    const a = await online(alice);
    expect(a.capabilities.conversationList).toBe(false);
    await post(bob, alice, "one");
    await post(bob, alice, "two");
    await waitFor(a, (s) => messages(s, bob).length === 2);
    expect(a.getState().conversations[bob]?.unreadCount).toBe(2);

    const list = await a.loadConversations();
    const withBob = list.find((c) => c.id === bob);
    expect(withBob).toMatchObject({ kind: "direct", unreadCount: 2, title: "Bob" });
    expect(withBob?.lastMessage?.text).toBe("two");
    expect(withBob?.extra).toMatchObject({ online: false, unreadTotal: 2 });

    await a.markRead(bob);
    const after = await a.loadConversations();
    expect(after.find((c) => c.id === bob)).toMatchObject({ unreadCount: 0 });
    expect(after.find((c) => c.id === bob)?.extra).toMatchObject({ unreadTotal: 0 });

    const b = await online(bob);
    await b.openConversation(alice);
    const doomed = b.send(alice, "oops");
    await waitFor(a, () => find(a, bob, "oops"));
    const stored = await waitFor(b, (s) => {
      const m = byClient(s, alice, doomed.clientId);
      return m?.id !== undefined ? m : undefined;
    });
    await b.delete(stored);
    expect(find(b, alice, "oops")?.deleted).toBe(true);
    await waitFor(a, () => find(a, bob, "oops")?.deleted === true, 8000, "deleted live");
  });

  it("names a conversation opened by id or first seen in a live message, without a list call", async () => {
    await post(bob, alice, "written before Alice came");
    const a = await online(alice);
    await a.openConversation(bob);
    // The friend's name comes with the messages: the client asks the session's list again.
    await waitFor(a, (s) => s.conversations[bob]?.title === "Bob", 8000, "Bob named");
    expect(a.getState().conversations[bob]?.participants.map((p) => p.id)).toContain(bob);
    await post(carol, alice, "a first word from Carol");
    await waitFor(a, (s) => s.conversations[carol]?.title === "Carol", 8000, "Carol named");
    // Deleting the last message shows in the preview as well as in the thread.
    const b = await online(bob);
    await b.openConversation(alice);
    const last = b.send(alice, "soon gone");
    const stored = await waitFor(b, (s) => {
      const m = byClient(s, alice, last.clientId);
      return m?.id !== undefined ? m : undefined;
    });
    await waitFor(a, (s) => s.conversations[bob]?.lastMessage?.text === "soon gone");
    await b.delete(stored);
    await waitFor(a, (s) => s.conversations[bob]?.lastMessage?.deleted === true, 8000, "preview");
  });

  it("loses and doubles nothing across a drop and a server restart", async () => {
    const a = await online(alice);
    const b = await online(bob);
    await a.openConversation(bob);
    await b.openConversation(alice);

    const batch = await sendAcrossRestart(server, (text) => a.send(bob, text));
    await expectExactlyOnce(a, bob, batch, (m) => m.id !== undefined && m.status !== "pending");
    await waitFor(b, (s) => s.connection.status === "connected", 15_000, "bob back");
    await expectExactlyOnce(b, alice, batch);
    expect(texts(a, bob)).toEqual(batch);
    expect(texts(b, alice)).toEqual(batch);
    // The server has each exactly once too.
    const history = await fetch(
      `${server.url("friends-ws")}/api/v1/chat/messages/history/${bob}?limit=100`,
      { headers: { authorization: `Bearer ${await server.token(alice)}` } },
    );
    expect(((await history.json()) as { total: number }).total).toBe(batch.length);
  });

  it("gets a fresh token when the old one expired, and stops on a revoked one", async () => {
    let calls = 0;
    const refreshing = connect(alice, {
      auth: async () => (++calls === 1 ? server.token(alice, -10) : server.token(alice)),
    });
    await waitFor(refreshing, (s) => s.connection.status === "connected");
    expect(calls).toBe(2);

    let sockets = 0;
    class CountingWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets += 1;
      }
    }
    const revoked = connect(alice, {
      auth: async () => server.token(alice, -10),
      WebSocket: CountingWebSocket,
    });
    await waitFor(revoked, (s) => s.connection.status === "unauthorized");
    expect(sockets).toBe(2); // the first token and the one refresh
    await new Promise((r) => setTimeout(r, 700)); // longer than the longest backoff
    expect(sockets).toBe(2);
    expect(revoked.getState().connection.status).toBe("unauthorized");
  });
});
