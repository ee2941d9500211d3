import type { ParleyServer } from "@parley/server";
import { startTestServer, testChannelsChats, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { expectExactlyOnce, sendAcrossRestart } from "@parley/test-kit/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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

function connect(userId: string, auth?: () => Promise<string>, maxAttempts?: number) {
  const client = createChatClient({
    adapter: channelsWs(),
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

const texts = (client: ChatClient) =>
  threadMessages(client.getState().threads[chat] ?? emptyThread).map((m) => m.text);

describe("channels-ws adapter against the reference server", () => {
  it("two users exchange messages; each sees every message once, confirmed", async () => {
    const alice = connect(testUsers.alice);
    const bob = connect(testUsers.bob);
    await waitFor(alice, (s) => s.connection.status === "connected");
    await waitFor(bob, (s) => s.connection.status === "connected");
    expect(alice.getState().capabilities.history).toBe(true);
    await alice.openConversation(chat);
    await bob.openConversation(chat);

    const sent = alice.send(chat, "hello bob");
    expect(sent.status).toBe("pending");
    const confirmed = await waitFor(alice, (s) => {
      const m = findMessage(s.threads[chat] ?? emptyThread, sent.clientId);
      return m?.status === "sent" ? m : undefined;
    });
    expect(confirmed.id).toBeDefined();
    expect(confirmed.senderId).toBe(testUsers.alice);
    await waitFor(bob, () => texts(bob).includes("hello bob"));
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
