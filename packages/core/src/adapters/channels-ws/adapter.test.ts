import type { ParleyServer } from "@parley/server";
import { startTestServer, testChannelsChats, testProfile, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { expectExactlyOnce, sendAcrossRestart } from "@parley/test-kit/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { type ChatClient, createChatClient } from "../../client.js";
import { emptyThread, findMessage, threadMessages } from "../../thread.js";
import { channelsWs } from "./index.js";

const chat = testChannelsChats.a;
let server: ParleyServer;
const clients: ChatClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ dialects: ["channels-ws"] });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(() => server.close());

function connect(
  userId: string,
  auth?: () => Promise<string>,
  maxAttempts?: number,
  adapter = channelsWs(),
) {
  const client = createChatClient({
    adapter,
    url: server.url("channels-ws"),
    auth: auth ?? (() => server.token(userId)),
    WebSocket,
    backoff: { min: 50, max: 500 },
    outbox: {
      ackTimeoutMs: 2000,
      retryBackoff: { min: 50, max: 500 },
      ...(maxAttempts === undefined ? {} : { maxAttempts }),
    },
  });
  clients.push(client);
  client.connect();
  return client;
}

/** How many stored messages of the chat have `text` (read over REST as Bob, both profiles). */
async function storedCount(text: string): Promise<number> {
  const response = await fetch(
    `${server.url("channels-ws")}/chat/chats/${chat}/messages/?page=1&page_size=100`,
    { headers: { authorization: `Bearer ${await server.token(testUsers.bob)}` } },
  );
  const body = (await response.json()) as { results: Array<{ content: string }> };
  return body.results.filter((m) => m.content === text).length;
}

const texts = (client: ChatClient) =>
  threadMessages(client.getState().threads[chat] ?? emptyThread).map((m) => m.text);

describe("channels-ws adapter against the reference server", () => {
  it("two users exchange messages; each sees every message once, confirmed", async () => {
    const alice = connect(testUsers.alice);
    const bob = connect(testUsers.bob);
    await waitFor(alice, (s) => s.connection.status === "connected");
    await waitFor(bob, (s) => s.connection.status === "connected");
    // Seed: the chat list extension says so at once. Field: no list; the deployed backend's own
    // messages action answers the first history read, which reports the capability.
    expect(alice.getState().capabilities.history).toBe(testProfile() === "seed");
    expect(alice.getState().capabilities.conversationList).toBe(testProfile() === "seed");
    await alice.openConversation(chat);
    await bob.openConversation(chat);
    await waitFor(alice, (s) => s.capabilities.history === true);

    const sent = alice.send(chat, "hello bob");
    expect(sent.status).toBe("pending");
    const confirmed = await waitFor(alice, (s) => {
      const m = findMessage(s.threads[chat] ?? emptyThread, sent.clientId);
      return m?.status === "sent" ? m : undefined;
    });
    expect(confirmed.id).toBeDefined();
    expect(confirmed.senderId).toBe(testUsers.alice);
    const atBob = await waitFor(bob, (s) =>
      threadMessages(s.threads[chat] ?? emptyThread).find((m) => m.text === "hello bob"),
    );
    // Without the chat list (field) a frame names only the sender's role: Bob has not sent in
    // this chat yet, so Alice's message keeps her role as its sender.
    expect(atBob.senderId).toBe(testProfile() === "seed" ? testUsers.alice : "patient");
    bob.send(chat, "hi alice");
    await waitFor(alice, () => texts(alice).includes("hi alice"));
    expect(texts(alice).filter((t) => t === "hello bob")).toHaveLength(1);
    expect(texts(bob).filter((t) => t === "hello bob")).toHaveLength(1);
    expect(texts(alice).slice(-2)).toEqual(["hello bob", "hi alice"]);
  });

  it("sends at the first attempt while a chat's socket opens; a chat it is not in refuses at once", async () => {
    // One attempt only: a send that failed because the socket was still opening would fail.
    const alice = connect(testUsers.alice, undefined, 1);
    await waitFor(alice, (s) => s.connection.status === "connected");
    await alice.openConversation(chat);
    const first = alice.send(chat, "straight away");
    const sent = await waitFor(alice, (s) => {
      const m = findMessage(s.threads[chat] ?? emptyThread, first.clientId);
      return m?.status !== "pending" ? m : undefined;
    });
    expect(sent?.status).toBe("sent");

    const other = testChannelsChats.b; // dave's and carol's chat
    const refused = alice.send(other, "not my chat");
    const failed = await waitFor(alice, (s) => {
      const m = findMessage(s.threads[other] ?? emptyThread, refused.clientId);
      return m?.status === "failed" ? m : undefined;
    });
    expect(failed.error?.code).toMatch(/forbidden|not-found/);
    expect(texts(alice)).toContain("straight away");
  });

  it("shows what was sent while a chat's socket was still opening, once", async () => {
    const alice = connect(testUsers.alice);
    await waitFor(alice, (s) => s.connection.status === "connected");
    await alice.openConversation(chat);
    const bob = createChatClient({
      adapter: channelsWs(),
      url: server.url("channels-ws"),
      auth: () => server.token(testUsers.bob),
      WebSocket: SlowWebSocket,
      backoff: { min: 50, max: 500 },
    });
    clients.push(bob);
    bob.connect();
    await waitFor(bob, (s) => s.connection.status === "connected");
    const opening = bob.openConversation(chat);
    // Stored after a history fetched at once, before Bob's socket exists: only a history fetched
    // once the socket is open has it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = alice.send(chat, "while Bob's socket opens");
    await waitFor(alice, (s) => {
      const m = findMessage(s.threads[chat] ?? emptyThread, sent.clientId);
      return m?.status === "sent";
    });
    await opening;
    await waitFor(bob, () => texts(bob).includes("while Bob's socket opens"), 3000);
    expect(texts(bob).filter((t) => t === "while Bob's socket opens")).toHaveLength(1);
  });

  it("loses and doubles nothing across a drop and a server restart", async () => {
    const alice = connect(testUsers.alice);
    const bob = connect(testUsers.bob);
    await waitFor(alice, (s) => s.connection.status === "connected");
    await waitFor(bob, (s) => s.connection.status === "connected");
    await alice.openConversation(chat);
    await bob.openConversation(chat);
    await new Promise((r) => setTimeout(r, 100));

    const batch = await sendAcrossRestart(server, (text) => alice.send(chat, text));
    await expectExactlyOnce(alice, chat, batch, (m) => m.status === "sent");
    await expectExactlyOnce(bob, chat, batch);
    expect(
      threadMessages(alice.getState().threads[chat] ?? emptyThread).every(
        (m) => m.status === "sent",
      ),
    ).toBe(true);
  });

  it("loads a conversation opened before the connection was up, once connected", async () => {
    const alice = connect(testUsers.alice);
    await waitFor(alice, (s) => s.connection.status === "connected");
    await alice.openConversation(chat);
    await new Promise((r) => setTimeout(r, 100));
    alice.send(chat, "written before bob connected");
    await waitFor(alice, () => texts(alice).includes("written before bob connected"));
    await waitFor(alice, (s) => s.threads[chat]?.messages.every((m) => m.status === "sent"));

    const bob = createChatClient({
      adapter: channelsWs(),
      url: server.url("channels-ws"),
      auth: () => server.token(testUsers.bob),
      WebSocket,
    });
    clients.push(bob);
    await bob.openConversation(chat); // not connected yet: no history to ask
    bob.connect();
    await waitFor(bob, () => texts(bob).includes("written before bob connected"), 8000, "catch-up");
  });

  it("without the extensions, knows its own echoes by its role and marks a lost one unconfirmed", async () => {
    const bare = () => channelsWs({ extensions: false });
    const alice = connect(testUsers.alice, undefined, undefined, bare());
    const aliceTab = connect(testUsers.alice, undefined, undefined, bare());
    const bob = connect(testUsers.bob, undefined, undefined, bare());
    for (const c of [alice, aliceTab, bob]) {
      await waitFor(c, (s) => s.connection.status === "connected");
      await c.openConversation(chat);
    }
    expect(alice.getState().capabilities.history).toBe(false);

    // Our first send's echo tells our role in this chat: the echo is ours, confirmed once.
    const first = alice.send(chat, "mine, known by my role");
    const confirmed = await waitFor(alice, (s) => {
      const m = findMessage(s.threads[chat] ?? emptyThread, first.clientId);
      return m?.status === "sent" ? m : undefined;
    });
    expect(confirmed.senderId).toBe(testUsers.alice);
    expect(texts(alice).filter((t) => t === "mine, known by my role")).toHaveLength(1);
    // What Alice's other tab sends in her role is hers too; Bob's stays in his role's name.
    aliceTab.send(chat, "from my other tab");
    bob.send(chat, "from bob");
    const byText = (text: string) =>
      waitFor(alice, (s) =>
        threadMessages(s.threads[chat] ?? emptyThread).find((m) => m.text === text),
      );
    expect((await byText("from my other tab")).senderId).toBe(testUsers.alice);
    expect((await byText("from bob")).senderId).toBe("professional");

    // The echo of a stored message is lost with the link: no history to prove it, so it is
    // unconfirmed, and never sent twice.
    server.pauseDelivery();
    const lost = alice.send(chat, "echo lost with the link");
    await vi.waitFor(async () => expect(await storedCount("echo lost with the link")).toBe(1));
    server.dropConnections("channels-ws");
    server.resumeDelivery();
    await waitFor(alice, (s) => {
      const m = findMessage(s.threads[chat] ?? emptyThread, lost.clientId);
      return m?.status === "unconfirmed";
    });
    const after = alice.send(chat, "after the lost echo");
    await waitFor(alice, (s) => {
      const m = findMessage(s.threads[chat] ?? emptyThread, after.clientId);
      return m?.status === "sent";
    });
    expect(await storedCount("echo lost with the link")).toBe(1);
  });

  it("gets a fresh token when the old one expired, and stops on a revoked one", async () => {
    let calls = 0;
    const refreshing = connect(testUsers.alice, async () =>
      ++calls === 1 ? server.token(testUsers.alice, -10) : server.token(testUsers.alice),
    );
    await waitFor(refreshing, (s) => s.connection.status === "connected");
    expect(calls).toBe(2);

    const revoked = connect(testUsers.alice, () =>
      server.tokens.sign(testUsers.alice, { expiresIn: -10 }),
    );
    await waitFor(revoked, (s) => s.connection.status === "unauthorized");
  });
});

/** A WebSocket that starts connecting only after 600 ms, like one on a slow network. */
class SlowWebSocket {
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  #real: WebSocket | null = null;
  #closed = false;

  constructor(url: string) {
    setTimeout(() => {
      if (this.#closed) return;
      const real = new WebSocket(url);
      this.#real = real;
      real.onopen = () => this.onopen?.();
      real.onmessage = (event) => this.onmessage?.({ data: event.data });
      real.onclose = (event) => this.onclose?.({ code: event.code, reason: event.reason });
      real.onerror = () => this.onerror?.();
    }, 600);
  }

  get readyState(): number {
    return this.#real?.readyState ?? (this.#closed ? 3 : 0);
  }

  send(data: string): void {
    this.#real?.send(data);
  }

  close(code?: number, reason?: string): void {
    this.#closed = true;
    if (this.#real) this.#real.close(code, reason);
    else this.onclose?.({ code: 1000, reason: "closed before connecting" });
  }
}
