import type { ParleyServer } from "@parley/server";
import { startTestServer, testRoomsChats, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { expectExactlyOnce, sendAcrossRestart } from "@parley/test-kit/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { AdapterEvent } from "../../adapter.js";
import { type ChatClient, createChatClient } from "../../client.js";
import { defaultRandom, defaultTimers } from "../../environment.js";
import type { ChatState } from "../../state.js";
import { emptyThread, findMessage, threadMessages } from "../../thread.js";
import { roomsWs } from "./index.js";

const one = String(testRoomsChats.one); // alice (customer 1), bob (staff 2), dave (staff 4)
const two = String(testRoomsChats.two); // carol (customer 3), bob (staff 2)
const customers = new Set<string>([testUsers.alice, testUsers.carol, testUsers.mallory]);
let server: ParleyServer;
const clients: ChatClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ dialects: ["rooms-ws"] });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(() => server.close());

function connect(
  userId: string,
  options: { auth?: () => Promise<string>; pageSize?: number } = {},
) {
  const client = createChatClient({
    adapter: roomsWs({ participant: customers.has(userId) ? "customer" : "user" }),
    url: server.url("rooms-ws"),
    auth: options.auth ?? (() => server.token(userId)),
    WebSocket,
    backoff: { min: 50, max: 500 },
    outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  clients.push(client);
  client.connect();
  return client;
}

async function connected(...list: ChatClient[]) {
  for (const client of list) await waitFor(client, (s) => s.connection.status === "connected");
}

/** REST call as `userId` under /api/v1/chat. */
async function api(userId: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url("rooms-ws")}/api/v1/chat${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await server.token(userId)}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as any;
}

const messages = (state: ChatState, chat: string) =>
  threadMessages(state.threads[chat] ?? emptyThread);
const byId = (state: ChatState, chat: string, clientId: string) =>
  findMessage(state.threads[chat] ?? emptyThread, clientId);
const texts = (client: ChatClient, chat: string) =>
  messages(client.getState(), chat).map((m) => m.text);
const find = (client: ChatClient, chat: string, text: string) =>
  messages(client.getState(), chat).find((m) => m.text === text);

describe("rooms-ws adapter against the reference server", () => {
  it("two participants exchange messages and replies; each sees each once, confirmed", async () => {
    const alice = connect(testUsers.alice);
    const bob = connect(testUsers.bob);
    await connected(alice, bob);
    expect(alice.getState().me).toBe("1");
    expect(bob.getState().me).toBe("2");
    await alice.openConversation(one);
    await bob.openConversation(one);

    const sent = alice.send(one, "hello bob");
    expect(sent.status).toBe("pending");
    const confirmed = await waitFor(alice, (s) => {
      const m = byId(s, one, sent.clientId);
      return m?.status === "sent" ? m : undefined;
    });
    expect(confirmed.id).toMatch(/^\d+$/);
    expect(confirmed.senderId).toBe("1");
    expect(confirmed.conversationId).toBe(one);
    expect(confirmed.extra?.sender_type).toBe("customer");

    const incoming = await waitFor(bob, () => find(bob, one, "hello bob"));
    expect(incoming.id).toBe(confirmed.id);
    bob.send(one, "hi alice", { replyTo: incoming.id as string });
    const reply = await waitFor(alice, () => find(alice, one, "hi alice"));
    expect(reply.replyTo).toBe(confirmed.id);
    expect(reply.senderId).toBe("2");
    await waitFor(bob, (s) => messages(s, one).every((m) => m.status !== "pending"));
    for (const client of [alice, bob]) {
      expect(texts(client, one).filter((t) => t === "hello bob")).toHaveLength(1);
      expect(texts(client, one).filter((t) => t === "hi alice")).toHaveLength(1);
      expect(texts(client, one).slice(-2)).toEqual(["hello bob", "hi alice"]);
    }
  });

  it("shows typing, read receipts and presence", async () => {
    const alice = connect(testUsers.alice);
    await connected(alice);
    await alice.openConversation(one);
    const bob = connect(testUsers.bob);
    await connected(bob);
    await bob.openConversation(one);
    await waitFor(alice, (s) => s.presence["2"]?.online === true, 8000, "bob online");
    await waitFor(bob, (s) => s.presence["1"]?.online === true, 8000, "alice online");

    bob.typing(one);
    await waitFor(alice, (s) => s.typing[one]?.includes("2"), 8000, "bob typing");
    bob.stopTyping(one);
    await waitFor(alice, (s) => !s.typing[one]?.includes("2"), 8000, "bob stopped");

    const sent = alice.send(one, "please read me");
    await waitFor(bob, () => find(bob, one, "please read me"));
    await waitFor(alice, (s) => byId(s, one, sent.clientId)?.status === "sent");
    await bob.markRead(one);
    await waitFor(
      alice,
      (s) => byId(s, one, sent.clientId)?.status === "read",
      8000,
      "read receipt",
    );
    const list = await bob.loadConversations();
    expect(list.find((c) => c.id === one)?.unreadCount).toBe(0);

    alice.closeConversation(one); // leave_chat: bob sees her leave
    await waitFor(bob, (s) => s.presence["1"]?.online === false, 8000, "alice left");
    await alice.openConversation(one);
    await waitFor(bob, (s) => s.presence["1"]?.online === true, 8000, "alice back");
    bob.disconnect();
    await waitFor(alice, (s) => s.presence["2"]?.online === false, 8000, "bob offline");
  });

  it("pages history with loadOlder, oldest first, nothing missing or doubled", async () => {
    for (let i = 0; i < 7; i++)
      await api(testUsers.carol, "POST", `/chats/${two}/messages`, { content: `page ${i}` });
    const all = await api(testUsers.bob, "GET", `/chats/${two}/messages`, undefined);
    const expected = (all.messages as Array<{ content: string }>).map((m) => m.content);
    const bob = connect(testUsers.bob, { pageSize: 3 });
    await connected(bob);
    await bob.openConversation(two);
    expect(texts(bob, two)).toEqual(expected.slice(-3));
    let more = true;
    while (more) more = await bob.loadOlder(two);
    expect(texts(bob, two)).toEqual(expected);
    expect(bob.getState().threads[two]?.hasMore).toBe(false);
  });

  it("lists conversations with kind, last message and unread counts, live", async () => {
    const mallory = connect(testUsers.mallory);
    await connected(mallory);
    const bob = connect(testUsers.bob);
    await connected(bob);
    const created = await api(testUsers.bob, "POST", "/chats", { customer_id: 5, title: "Help" });
    const chat = String(created.id);
    await waitFor(mallory, (s) => s.conversations[chat], 8000, "chat_created");
    await mallory.openConversation(chat);
    mallory.send(chat, "first question");
    mallory.send(chat, "second question");
    await waitFor(
      mallory,
      (s) => messages(s, chat).filter((m) => m.status === "sent").length === 2,
    );

    const list = await bob.loadConversations();
    const help = list.find((c) => c.id === chat);
    expect(help).toMatchObject({ kind: "direct", title: "Help", unreadCount: 2 });
    expect(help?.lastMessage?.text).toBe("second question");
    expect(help?.participants.map((p) => p.id).sort()).toEqual(["2", "5"]);
    expect(list.find((c) => c.id === one)?.kind).toBe("group");
    expect(bob.getState().presence["5"]?.online).toBe(true); // from the list's is_online

    await bob.openConversation(chat);
    mallory.send(chat, "third question");
    await waitFor(bob, (s) => s.conversations[chat]?.unreadCount === 3, 8000, "live unread");
    await bob.markRead(chat);
    await waitFor(mallory, (s) => messages(s, chat).every((m) => m.status === "read"));
    const after = await bob.loadConversations();
    expect(after.find((c) => c.id === chat)?.unreadCount).toBe(0);
  });

  it("keeps the list live for chats that are not open: unread counts and previews", async () => {
    const bob = connect(testUsers.bob);
    await connected(bob);
    await bob.loadConversations();
    const before = bob.getState().conversations[one]?.unreadCount ?? 0;
    const alice = connect(testUsers.alice);
    await connected(alice);
    await alice.openConversation(one);
    alice.send(one, "to a chat Bob has not opened");
    await waitFor(
      bob,
      (s) => s.conversations[one]?.lastMessage?.text === "to a chat Bob has not opened",
      8000,
      "live preview",
    );
    expect(bob.getState().conversations[one]?.unreadCount).toBe(before + 1);
  });

  it("edits, deletes and uploads, seen live by the other side", async () => {
    const alice = connect(testUsers.alice);
    const bob = connect(testUsers.bob);
    await connected(alice, bob);
    await alice.openConversation(one);
    await bob.openConversation(one);

    const sent = alice.send(one, "typo here");
    const mine = await waitFor(alice, (s) => {
      const m = byId(s, one, sent.clientId);
      return m?.id ? m : undefined;
    });
    const edited = await alice.edit(mine, "typo fixed");
    expect(edited.editedAt).toBeDefined();
    await waitFor(
      bob,
      (s) => messages(s, one).find((m) => m.id === mine.id)?.text === "typo fixed",
    );
    await alice.delete(edited);
    await waitFor(bob, (s) => messages(s, one).find((m) => m.id === mine.id)?.deleted === true);

    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const progress: number[] = [];
    const attachment = await alice.upload(
      new Blob([bytes], { type: "image/png" }),
      "dot.png",
      (f) => progress.push(f),
    );
    expect(progress).toEqual([0, 1]);
    expect(attachment.url).toMatch(/^http:\/\/.+\/uploads\/[a-f0-9]+\.png$/);
    alice.send(one, "", { attachments: [attachment] });
    const received = await waitFor(bob, () =>
      messages(bob.getState(), one).find((m) => m.attachments?.[0]?.url === attachment.url),
    );
    expect(received.attachments?.[0]?.type).toBe("image");
    await waitFor(alice, (s) => messages(s, one).every((m) => m.status !== "pending"));
    const file = await fetch(attachment.url);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it("fails a refused send with the server's reason and tells refusals apart", async () => {
    const alice = connect(testUsers.alice);
    await connected(alice);
    const errors: string[] = [];
    alice.on("error", (e) => errors.push(`${e.code}: ${e.message}`));
    // A typing frame that went through silently must not take the refusal of the next send.
    alice.typing(one);
    const foreign = alice.send(two, "not my chat");
    const failed = await waitFor(alice, (s) => {
      const m = byId(s, two, foreign.clientId);
      return m?.status === "failed" ? m : undefined;
    });
    expect(failed.error?.code).toBe("forbidden");
    expect(failed.id).toBeUndefined();
    // A refused typing (not her chat) must not be taken for the refusal of the next send.
    alice.typing(two);
    const after = alice.send(one, "after a refused typing");
    await waitFor(alice, (s) => byId(s, one, after.clientId)?.status === "sent");
    await waitFor(
      alice,
      () => errors.some((e) => e.includes("refused a frame")),
      8000,
      "typing error",
    );

    const badReply = alice.send(one, "reply to nothing", { replyTo: "999999" });
    const refused = await waitFor(alice, (s) => {
      const m = byId(s, one, badReply.clientId);
      return m?.status === "failed" ? m : undefined;
    });
    expect(refused.error).toEqual({
      code: "invalid-input",
      message: "Reply target not found in this chat",
    });
    const fine = alice.send(one, "still connected");
    await waitFor(alice, (s) => byId(s, one, fine.clientId)?.status === "sent");
    expect(alice.getState().connection.status).toBe("connected");
    expect(texts(alice, one).filter((t) => t === "after a refused typing")).toHaveLength(1);
  });

  it("connects a bare session: ready with the participant id, ping answered by pong", async () => {
    const events: AdapterEvent[] = [];
    const session = roomsWs().createSession({
      url: server.url("rooms-ws"),
      token: () => server.token(testUsers.bob),
      fetch: (...args) => fetch(...args),
      WebSocket,
      timers: defaultTimers,
      random: defaultRandom,
      emit: (event) => events.push(event),
    });
    await session.connect();
    expect(events[0]).toEqual({ type: "ready", userId: "2" });
    await session.ping?.();
    session.disconnect();
  });

  it("loses and doubles nothing across a drop and a server restart", async () => {
    const alice = connect(testUsers.alice);
    const bob = connect(testUsers.bob);
    await connected(alice, bob);
    await alice.openConversation(one);
    await bob.openConversation(one);

    const batch = await sendAcrossRestart(server, (text) => alice.send(one, text));
    await expectExactlyOnce(
      alice,
      one,
      batch,
      (m) => m.status !== "pending" && m.status !== "failed",
    );
    await expectExactlyOnce(bob, one, batch);
    const stored = await api(testUsers.bob, "GET", `/chats/${one}/messages?page_size=100`);
    const onServer = (stored.messages as Array<{ content: string | null }>)
      .map((m) => m.content)
      .filter((t) => t?.startsWith("restart "));
    expect(onServer).toEqual(batch);
  });

  it("gets a fresh token when the old one expired, and stops on a revoked one", async () => {
    let calls = 0;
    const refreshing = connect(testUsers.alice, {
      auth: async () =>
        ++calls === 1 ? server.token(testUsers.alice, -10) : server.token(testUsers.alice),
    });
    await waitFor(refreshing, (s) => s.connection.status === "connected");
    expect(calls).toBe(2);

    let revokedCalls = 0;
    const revoked = connect(testUsers.alice, {
      auth: () => {
        revokedCalls += 1;
        return server.tokens.sign(testUsers.alice, { expiresIn: -10 });
      },
    });
    await waitFor(revoked, (s) => s.connection.status === "unauthorized");
    const attempts = revokedCalls;
    await new Promise((r) => setTimeout(r, 300));
    expect(revokedCalls).toBe(attempts);
    expect(revoked.getState().connection.status).toBe("unauthorized");
  });
});
