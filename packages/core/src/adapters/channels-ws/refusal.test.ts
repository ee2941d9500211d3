import { waitFor } from "@parley/test-kit";
import { afterEach, describe, expect, it } from "vitest";
import { type ChatClient, createChatClient } from "../../client.js";
import { emptyThread, findMessage } from "../../thread.js";
import { channelsWs } from "./index.js";

/**
 * A backend that refuses chat sockets at the HTTP upgrade (Django Channels closing before
 * `accept()` answers 403): a browser's WebSocket only ever sees close 1006, never opened.
 */
class RefusedAtUpgrade {
  static attempts = 0;
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor() {
    RefusedAtUpgrade.attempts += 1;
    queueMicrotask(() => {
      this.readyState = 3;
      this.onerror?.();
      this.onclose?.({ code: 1006, reason: "" });
    });
  }

  send(): void {}
  close(): void {}
}

const chat = "11111111-1111-4111-8111-111111111111";
const clients: ChatClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  RefusedAtUpgrade.attempts = 0;
});

/**
 * A client whose REST calls get `listAnswers` in turn for `GET /chat/chats/` (the last one
 * repeats); a string answer is a thrown network failure.
 */
function clientWith(listAnswers: Array<number | "network">) {
  const listCalls: number[] = [];
  const fakeFetch = (async (input: URL | RequestInfo) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith("/messages/"))
      return Response.json({ count: 0, next: null, previous: null, results: [] });
    if (url.pathname !== "/chat/chats/") return new Response("{}", { status: 404 });
    const answer = listAnswers[Math.min(listCalls.length, listAnswers.length - 1)];
    listCalls.push(listCalls.length);
    if (answer === "network") throw new TypeError("fetch failed");
    return new Response(answer === 200 ? "[]" : JSON.stringify({ detail: "nope" }), {
      status: answer,
      headers: { "content-type": "application/json" },
    });
  }) as typeof fetch;
  const client = createChatClient({
    adapter: channelsWs(),
    url: "http://backend.test",
    auth: "a-token",
    WebSocket: RefusedAtUpgrade,
    fetch: fakeFetch,
    backoff: { min: 10, max: 20 },
    outbox: { maxAttempts: 1, ackTimeoutMs: 5000 },
  });
  clients.push(client);
  client.connect();
  return { client, listCalls };
}

describe("channels-ws: a chat socket refused at the HTTP upgrade (close 1006)", () => {
  it("is a refused token when an authenticated GET answers 401", async () => {
    // Connecting reads the list (200); the check after the refused upgrade gets 401 twice
    // (REST refreshes the token once).
    const { client, listCalls } = clientWith([200, 401]);
    await waitFor(client, (s) => s.connection.status === "connected");
    await client.openConversation(chat);
    await waitFor(client, (s) => s.connection.status === "unauthorized");
    expect(listCalls.length).toBeGreaterThanOrEqual(2);
  });

  it("is the chat refused (forbidden) when the GET shows the server up and the token good", async () => {
    // The deployed backend has no list: 404 at connect and at the check.
    const { client } = clientWith([404]);
    await waitFor(client, (s) => s.connection.status === "connected");
    await client.openConversation(chat);
    const sent = client.send(chat, "to a chat that refuses me");
    const failed = await waitFor(client, (s) => {
      const m = findMessage(s.threads[chat] ?? emptyThread, sent.clientId);
      return m?.status === "failed" ? m : undefined;
    });
    expect(failed.error?.code).toBe("forbidden");
    expect(RefusedAtUpgrade.attempts).toBe(1);
    expect(client.getState().connection.status).not.toBe("unauthorized");
  });

  it("is the network's when the GET fails too: nothing is concluded, it tries again", async () => {
    // The check fails at the network: the link is lost (not refused); the client reconnects
    // (the list answers again) and the chat's socket makes another attempt.
    const { client } = clientWith([200, "network", "network", 200]); // REST tries a GET twice
    await waitFor(client, (s) => s.connection.status === "connected");
    await client.openConversation(chat);
    await waitFor(client, () => RefusedAtUpgrade.attempts >= 2, 3000, "another attempt");
    expect(client.getState().connection.status).not.toBe("unauthorized");
  });
});

describe("channels-ws against a backend with neither the chat list nor history", () => {
  it("reports history as absent once a chat it is in answers 404, without failing the open", async () => {
    const OpenSocket = class {
      readyState = 0;
      onopen: (() => void) | null = null;
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onclose: ((event: { code: number; reason: string }) => void) | null = null;
      onerror: (() => void) | null = null;
      constructor() {
        queueMicrotask(() => {
          this.readyState = 1;
          this.onopen?.();
        });
      }
      send(): void {}
      close(): void {}
    };
    const client = createChatClient({
      adapter: channelsWs(),
      url: "http://backend.test",
      auth: "a-token",
      WebSocket: OpenSocket,
      fetch: (async () => new Response("{}", { status: 404 })) as typeof fetch,
    });
    clients.push(client);
    const errors: string[] = [];
    client.on("error", (error) => errors.push(error.code));
    client.connect();
    await waitFor(client, (s) => s.connection.status === "connected");
    await client.openConversation(chat);
    await waitFor(client, (s) => s.capabilities.history === false && errors.length > 0);
    expect(errors).toEqual(["unsupported"]);
    // No second try: history is gone for this session.
    await client.openConversation("22222222-2222-4222-8222-222222222222");
    expect(errors).toEqual(["unsupported"]);
  });
});
