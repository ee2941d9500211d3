import type { ParleyServer } from "@parley/server";
import { startTestServer, testProfile, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { expectExactlyOnce, sendAcrossRestart } from "@parley/test-kit/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type ChatClient, createChatClient } from "../../client.js";
import { defaultRandom, defaultTimers } from "../../environment.js";
import type { Message } from "../../model.js";
import type { ChatState } from "../../state.js";
import { threadMessages } from "../../thread.js";
import type { FriendsWsOptions } from "./adapter.js";
import { friendsWs } from "./index.js";

const { alice, bob, carol, mallory } = testUsers;
/** seed: the documented protocol; field: the deployed backend's ways (PROTOCOLS.md rule 7). */
const field = testProfile() === "field";
let server: ParleyServer;
const clients: ChatClient[] = [];

/**
 * A token as the server's profile issues them: the field (deployed) backend's carry `sub` = the
 * username, `user_id` and `role`; the seed's, `sub` = the account id.
 */
function token(userId: string, expiresIn?: number): Promise<string> {
  if (!field) return server.token(userId, expiresIn);
  const user = server.directory.user(userId);
  return server.tokens.sign(user?.username ?? userId, {
    claims: { user_id: userId, role: [...(user?.roles ?? [])][0] },
    ...(expiresIn === undefined ? {} : { expiresIn }),
  });
}

beforeEach(async () => {
  server = await startTestServer({ dialects: ["friends-ws"] });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
});

interface ConnectOptions {
  auth?: (request: { purpose: string }) => Promise<string>;
  pageSize?: number;
  WebSocket?: unknown;
  adapter?: FriendsWsOptions;
}

function connect(userId: string, options: ConnectOptions = {}) {
  const client = createChatClient({
    adapter: friendsWs(options.adapter),
    url: server.url("friends-ws"),
    auth: options.auth ?? (() => token(userId)),
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
      authorization: `Bearer ${await token(from)}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ receiver_id: to, content }),
  });
  expect(response.status).toBe(field ? 201 : 200);
  return ((await response.json()) as { message_id: string }).message_id;
}

/** The conversation's texts as the server stores them, oldest first (REST history as `as`). */
async function stored(as: string, friend: string): Promise<string[]> {
  const response = await fetch(
    `${server.url("friends-ws")}/api/v1/chat/messages/history/${friend}?limit=100`,
    { headers: { authorization: `Bearer ${await token(as)}` } },
  );
  const page = (await response.json()) as { messages: Array<{ content: string }> };
  return page.messages.map((m) => m.content).reverse();
}

/** Sends `text` and waits until the server confirmed it; answers the confirmed message. */
async function confirmedSend(client: ChatClient, to: string, text: string): Promise<Message> {
  const { clientId } = client.send(to, text);
  return waitFor(client, (s) => {
    const m = byClient(s, to, clientId);
    return m?.id !== undefined ? m : undefined;
  });
}

type Frame = Record<string, unknown>;

/**
 * A `ws` WebSocket whose frames pass through the given hooks both ways: a wire that mangles,
 * adds or loses frames, with the real server behind it.
 */
function tampering(hooks: {
  incoming?(frame: Frame, deliver: (frame: Frame) => void): void;
  outgoing?(frame: Frame, send: (frame: Frame) => void): void;
}) {
  return class Tampering {
    onopen: (() => void) | null = null;
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onclose: ((event: { code: number; reason: string }) => void) | null = null;
    onerror: (() => void) | null = null;
    #ws: WebSocket;
    constructor(url: string) {
      this.#ws = new WebSocket(url);
      this.#ws.onopen = () => this.onopen?.();
      this.#ws.onclose = (e) => this.onclose?.({ code: e.code, reason: e.reason });
      this.#ws.onerror = () => this.onerror?.();
      const deliver = (frame: Frame) => this.onmessage?.({ data: JSON.stringify(frame) });
      this.#ws.onmessage = (e) => {
        const frame = JSON.parse(String(e.data)) as Frame;
        if (hooks.incoming) hooks.incoming(frame, deliver);
        else deliver(frame);
      };
    }
    get readyState() {
      return this.#ws.readyState;
    }
    send(data: string) {
      const send = (frame: Frame) => this.#ws.send(JSON.stringify(frame));
      const frame = JSON.parse(data) as Frame;
      if (hooks.outgoing) hooks.outgoing(frame, send);
      else send(frame);
    }
    close(code?: number, reason?: string) {
      this.#ws.close(code, reason);
    }
  };
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
    // Bob had a live socket; only the reference server's message_sent says so.
    expect(confirmed.status).toBe(field ? "sent" : "delivered");
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

  it("fails a send refused as to a non-friend with the server's message; the next one goes through once", async () => {
    const a = await online(alice);
    const refused = a.send(mallory, "let me in");
    const ok = a.send(bob, "after the refusal");
    const failed = await waitFor(a, (s) => {
      const m = byClient(s, mallory, refused.clientId);
      return m?.status === "failed" ? m : undefined;
    });
    // The deployed backend's refusal has no code: refused all the same, with its words.
    expect(failed.error).toMatchObject(
      field
        ? { code: "invalid-input", message: "Failed to send message" }
        : { code: "forbidden", message: "Not friends with recipient" },
    );
    const confirmed = await waitFor(a, (s) => {
      const m = byClient(s, bob, ok.clientId);
      return m?.id !== undefined ? m : undefined;
    });
    expect(confirmed.text).toBe("after the refusal");
    // Neither lost nor doubled on the server; the refused one was never sent again.
    expect(await stored(alice, bob)).toEqual(["after the refusal"]);
    await confirmedSend(a, bob, "and one more");
    expect(await stored(alice, bob)).toEqual(["after the refusal", "and one more"]);
    expect(byClient(a.getState(), mallory, refused.clientId)?.status).toBe("failed");
  });

  it("refuses a text over the limit before sending it", async () => {
    const a = await online(alice);
    const long = a.send(bob, `${"x".repeat(1001)}`);
    const failed = await waitFor(a, (s) => {
      const m = byClient(s, bob, long.clientId);
      return m?.status === "failed" ? m : undefined;
    });
    expect(failed.error?.code).toBe("payload-too-large");
    // Exactly 1000 after trimming is fine (the seed server would have stored the 1001 too).
    await confirmedSend(a, bob, `  ${"y".repeat(1000)}  `);
    expect((await stored(alice, bob)).map((t) => t.trim())).toEqual(["y".repeat(1000)]);

    const short = await online(carol, { adapter: { maxTextLength: 5 } });
    const refused = short.send(alice, "123456");
    await waitFor(short, (s) => byClient(s, alice, refused.clientId)?.status === "failed");
    expect(await stored(carol, alice)).toEqual([]);
  });

  it("never lets an error frame with an odd code throw into the app", async () => {
    // Rewrites every error frame's code into an object, and adds one nobody waits for.
    const OddCodes = tampering({
      incoming(frame, deliver) {
        if (frame.type === "error") frame.code = { odd: true };
        deliver(frame);
        if (frame.type === "online_friends") deliver({ type: "error", code: { x: 1 } });
      },
    });
    const errors: unknown[] = [];
    const a = connect(alice, { WebSocket: OddCodes });
    a.on("error", (error) => errors.push(error));
    await waitFor(a, (s) => s.connection.status === "connected");
    await waitFor(a, () => errors.length > 0, 8000, "the unexpected error reported");
    const refused = a.send(mallory, "no");
    const failed = await waitFor(a, (s) => {
      const m = byClient(s, mallory, refused.clientId);
      return m?.status === "failed" ? m : undefined;
    });
    expect(failed.error?.message).toBe(
      field ? "Failed to send message" : "Not friends with recipient",
    );
    await confirmedSend(a, bob, "still fine");
    expect(a.getState().connection.status).toBe("connected");
  });

  it("bounds an unanswered send by the reply timeout, then lets history prove it: one copy", async () => {
    const a = await online(alice, { adapter: { replyTimeoutMs: 300 } });
    server.pauseDelivery(); // the send is stored, but its message_sent never arrives
    a.send(bob, "unanswered");
    await waitFor(a, (s) => s.connection.status !== "connected", 8000, "link dropped");
    server.resumeDelivery();
    // Confirmed from history (the server's copy may have been merged in first), never resent.
    const settled = (m: Message) => m.id !== undefined && m.status !== "pending";
    await waitFor(a, (s) => messages(s, bob).every(settled), 8000, "proved");
    expect(messages(a.getState(), bob).filter((m) => m.text === "unanswered")).toHaveLength(1);
    expect(await stored(alice, bob)).toEqual(["unanswered"]);
  });

  it("fails a send that is never answered nor stored at the outbox's attempt limit", async () => {
    let sends = 0;
    const Swallowing = tampering({
      outgoing(frame, send) {
        if (frame.type === "send_message")
          sends += 1; // lost on the way: never stored
        else send(frame);
      },
    });
    const client = createChatClient({
      adapter: friendsWs({ replyTimeoutMs: 200 }),
      url: server.url("friends-ws"),
      auth: () => token(alice),
      WebSocket: Swallowing,
      backoff: { min: 20, max: 100 },
      outbox: { ackTimeoutMs: 2000, maxAttempts: 2, retryBackoff: { min: 20, max: 100 } },
    });
    clients.push(client);
    client.connect();
    const { clientId } = client.send(bob, "into the void");
    const failed = await waitFor(client, (s) => {
      const m = byClient(s, bob, clientId);
      return m?.status === "failed" ? m : undefined;
    });
    expect(failed.error?.code).toBe("timeout");
    expect(sends).toBe(2); // sent again once, after history showed it absent
    expect(await stored(alice, bob)).toEqual([]);
  });

  it("relays typing, presence and read receipts; delivery only where the server tells it", async () => {
    const poll = { adapter: { presencePollMs: 200 } };
    const a = await online(alice, poll);
    expect(a.getState().presence[bob]).toBeUndefined();
    expect(a.getState().capabilities.deliveryStatus).toBe(false);
    const b = await online(bob, poll);
    // Pushed (friend_online) by the reference server, polled from the deployed backend.
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
    // The socket's mark_read tells the sender on both (a REST read tells nobody on the field).
    await waitFor(a, (s) => byClient(s, bob, sent.clientId)?.status === "read");
    // A delivery seen (message_sent said "delivered") turns the capability on; never on the field.
    expect(a.getState().capabilities.deliveryStatus).toBe(!field);

    // carol is offline: stored "sent". Her history read makes it "delivered" on the reference
    // server (message_delivered); on the field it makes it read there, and alice is never told.
    const later = a.send(carol, "for later");
    await waitFor(a, (s) => byClient(s, carol, later.clientId)?.status === "sent");
    const c = await online(carol, poll);
    await waitFor(a, (s) => s.presence[carol]?.online === true, 8000, "carol online");
    await c.openConversation(alice);
    expect(texts(c, alice)).toEqual(["for later"]);
    if (!field) {
      await waitFor(a, (s) => byClient(s, carol, later.clientId)?.status === "delivered");
    } else {
      expect(find(c, alice, "for later")?.status).toBe("read");
      // Anything the history read pushed to alice came before this send's answer.
      await confirmedSend(a, bob, "after carol read");
      expect(byClient(a.getState(), carol, later.clientId)?.status).toBe("sent");
      expect(a.getState().capabilities.deliveryStatus).toBe(false);
    }

    c.disconnect();
    await waitFor(a, (s) => s.presence[carol]?.online === false, 8000, "carol offline");
  });

  it("follows presence by polling GET /friends/online where nothing is pushed", async () => {
    const a = await online(alice, { adapter: { presencePollMs: 100 } });
    const polls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes("/friends/online")) polls.push(String(input));
      return fetch(input, init);
    };
    const watcher = createChatClient({
      adapter: friendsWs({ presencePollMs: 100 }),
      url: server.url("friends-ws"),
      auth: () => token(carol),
      WebSocket,
      fetch: counting,
    });
    clients.push(watcher);
    watcher.connect();
    await waitFor(watcher, (s) => s.presence[alice]?.online === true, 8000, "alice online");
    a.disconnect();
    await waitFor(watcher, (s) => s.presence[alice]?.online === false, 8000, "alice offline");
    await online(alice);
    await waitFor(watcher, (s) => s.presence[alice]?.online === true, 8000, "alice back");
    if (field) expect(polls.length).toBeGreaterThanOrEqual(2); // only polls can have told it
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
    // The receipts went as socket frames: the server counts them once it has read them.
    await expect
      .poll(async () => (await a.loadConversations()).find((c) => c.id === bob)?.extra?.unreadTotal)
      .toBe(0);

    const b = await online(bob);
    await b.openConversation(alice);
    const doomed = b.send(alice, "oops");
    await waitFor(a, () => find(a, bob, "oops"));
    const kept = await waitFor(b, (s) => {
      const m = byClient(s, alice, doomed.clientId);
      return m?.id !== undefined ? m : undefined;
    });
    await b.delete(kept); // a 204 without a body on the field
    expect(find(b, alice, "oops")?.deleted).toBe(true);
    expect(await stored(alice, bob)).not.toContain("oops");
    if (!field) {
      await waitFor(a, () => find(a, bob, "oops")?.deleted === true, 8000, "deleted live");
    } else {
      // The deployed backend tells nobody: alice keeps her copy (her history no longer has it).
      await confirmedSend(b, alice, "after the delete");
      await waitFor(a, () => find(a, bob, "after the delete"));
      expect(find(a, bob, "oops")?.deleted).toBeUndefined();
    }
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
    // Where the server tells of deletes; on the field only the deleter's own preview knows.
    const told = field ? b : a;
    const friend = field ? alice : bob;
    await waitFor(told, (s) => s.conversations[friend]?.lastMessage?.deleted === true);
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
      { headers: { authorization: `Bearer ${await token(alice)}` } },
    );
    expect(((await history.json()) as { total: number }).total).toBe(batch.length);
  });

  it("gets a fresh token when the old one expired, and stops on a revoked one after one refresh", async () => {
    let calls = 0;
    const refreshing = connect(alice, {
      auth: async ({ purpose }) =>
        purpose === "socket" && ++calls === 1 ? token(alice, -10) : token(alice),
    });
    await waitFor(refreshing, (s) => s.connection.status === "connected");
    expect(calls).toBe(2);

    let sockets = 0;
    let socketTokens = 0;
    class CountingWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets += 1;
      }
    }
    const revoked = connect(alice, {
      auth: async ({ purpose }) => {
        if (purpose === "socket") socketTokens += 1;
        return token(alice, -10);
      },
      WebSocket: CountingWebSocket,
    });
    const state = await waitFor(revoked, (s) =>
      s.connection.status === "unauthorized" ? s.connection : undefined,
    );
    expect(sockets).toBe(2); // the first token and the one refresh
    expect(socketTokens).toBe(2);
    // The reference server closes with 4401; the deployed backend answers the upgrade with
    // HTTP 403, and a REST call with the same token tells why.
    expect(state).toMatchObject({
      reason: field
        ? "Could not validate credentials"
        : "Connection closed (4401): Token has expired",
    });
    await new Promise((r) => setTimeout(r, 700)); // longer than the longest backoff
    expect(sockets).toBe(2);
    expect(revoked.getState().connection.status).toBe("unauthorized");
  });
});

describe("friends-ws names from messages", () => {
  /** The sender's name in the directory in the very store update that first shows `text`. */
  const nameAtFirstSight = (client: ChatClient, conversationId: string, text: string) =>
    waitFor(client, (s) => {
      const message = messages(s, conversationId).find((m) => m.text === text);
      return message && (client.users.get(message.senderId)?.name ?? "(no name)");
    });

  it("names the sender with the frame that brings a message, and with a history page", async () => {
    const listening = await online(bob);
    const live = nameAtFirstSight(listening, alice, "who wrote this?");
    await post(alice, bob, "who wrote this?");
    expect(await live).toBe("Alice");

    const reader = await online(bob);
    const paged = nameAtFirstSight(reader, alice, "who wrote this?");
    await reader.openConversation(alice);
    expect(await paged).toBe("Alice");
  });
});
