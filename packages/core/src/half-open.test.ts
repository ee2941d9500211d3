// Half-open links against the real server: a proxy freezes the WebSocket connection (no bytes
// either way, no close), as a dropped NAT mapping or a sleeping network does.
import type { ParleyServer } from "@parley/server";
import {
  startTestServer,
  testChannelsChats,
  testProfile,
  testRoomsChats,
  testUsers,
} from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { type FreezingProxy, startFreezingProxy } from "@parley/test-kit/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { ChatAdapter } from "./adapter.js";
import { channelsWs } from "./adapters/channels-ws/index.js";
import { friendsWs } from "./adapters/friends-ws/index.js";
import { roomsWs } from "./adapters/rooms-ws/index.js";
import { type ChatClient, type ChatClientOptions, createChatClient } from "./client.js";
import { emptyThread } from "./thread.js";

const { alice, bob } = testUsers;
const room = String(testRoomsChats.one); // alice is its customer, bob its staff
const chat = testChannelsChats.a; // alice and bob
let server: ParleyServer;
let proxy: FreezingProxy;
const clients: ChatClient[] = [];

beforeEach(async () => {
  server = await startTestServer({ dialects: ["friends-ws", "channels-ws", "rooms-ws"] });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await proxy?.close();
  await server.close();
});

async function online(
  dialect: "friends-ws" | "channels-ws" | "rooms-ws",
  adapter: ChatAdapter,
  options: Partial<ChatClientOptions>,
) {
  proxy = await startFreezingProxy(server.url(dialect));
  const client = createChatClient({
    adapter,
    url: proxy.url,
    auth: () => server.token(alice),
    WebSocket,
    backoff: { min: 50, max: 200 },
    ...options,
  });
  clients.push(client);
  client.connect();
  await waitFor(client, (s) => s.connection.status === "connected");
  return client;
}

const texts = (client: ChatClient, conversationId: string) =>
  (client.getState().threads[conversationId] ?? emptyThread).messages.map((m) => m.text);

/** What the server stored, over REST as bob (not through the proxy). */
async function stored(path: string, dialect: "channels-ws" | "rooms-ws"): Promise<string[]> {
  const response = await fetch(`${server.url(dialect)}${path}`, {
    headers: { authorization: `Bearer ${await server.token(bob)}` },
  });
  const body = (await response.json()) as {
    results?: Array<{ content: string }>;
    messages?: Array<{ content: string }>;
  };
  return (body.results ?? body.messages ?? []).map((m) => m.content);
}

/** Waits until the message sent as `clientId` is no longer pending. */
const settled = (client: ChatClient, conversationId: string, clientId: string) =>
  waitFor(
    client,
    (s) =>
      s.threads[conversationId]?.messages.find(
        (m) => m.clientId === clientId && m.status !== "pending",
      ),
    10_000,
    "confirmation",
  );

describe("half-open links", () => {
  it("friends-ws (no keepalive): a link silent too long is re-established and catches up", async () => {
    const client = await online("friends-ws", friendsWs(), { heartbeat: { silenceMs: 1000 } });
    await client.openConversation(bob);
    proxy.freeze();
    // Bob writes; the server pushes it into the frozen socket, where it is lost.
    const response = await fetch(`${server.url("friends-ws")}/api/v1/chat/messages/`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await server.token(bob)}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ receiver_id: alice, content: "written while frozen" }),
    });
    expect(response.status).toBe(testProfile() === "field" ? 201 : 200); // upstream's 201
    await waitFor(client, () => texts(client, bob).includes("written while frozen"), 10_000);
    expect(texts(client, bob).filter((t) => t === "written while frozen")).toHaveLength(1);
    expect(proxy.webSockets).toBeGreaterThanOrEqual(2);
    expect(client.getState().connection.status).toBe("connected");
  });

  it("channels-ws (echo, no keepalive): a send left unanswered gets the link re-established", async () => {
    const client = await online("channels-ws", channelsWs(), {
      heartbeat: { silenceMs: 0 },
      outbox: { ackTimeoutMs: 800, retryBackoff: { min: 50, max: 200 } },
    });
    await client.openConversation(chat);
    // The chat's own socket is open once a first message goes through.
    const first = client.send(chat, "before the freeze");
    expect((await settled(client, chat, first.clientId)).status).not.toBe("failed");
    proxy.freeze();
    const { clientId } = client.send(chat, "sent into a dead link");
    expect((await settled(client, chat, clientId)).status).not.toBe("failed");
    const texts = await stored(`/chat/chats/${chat}/messages/?page=1&page_size=50`, "channels-ws");
    expect(texts.filter((t) => t === "sent into a dead link")).toHaveLength(1);
    expect(proxy.webSockets).toBe(2);
  });

  it("rooms-ws (ping/pong): a send left unanswered is probed at once, then redelivered once", async () => {
    // As staff: a deployed rooms-ws backend gives customers no history, and without history no
    // send is ever redelivered (it becomes unconfirmed), so only staff can show the redelivery.
    const client = await online("rooms-ws", roomsWs({ participant: "user" }), {
      auth: () => server.token(bob),
      // The regular keepalive would not come for a minute: only the probe can find the dead link.
      heartbeat: { intervalMs: 60_000, timeoutMs: 500 },
      outbox: { ackTimeoutMs: 800, retryBackoff: { min: 50, max: 200 } },
    });
    await client.openConversation(room);
    proxy.freeze();
    const { clientId } = client.send(room, "sent into a dead room link");
    expect((await settled(client, room, clientId)).status).not.toBe("failed");
    const texts = await stored(
      `/api/v1/chat/chats/${room}/messages?page=1&page_size=50`,
      "rooms-ws",
    );
    expect(texts.filter((t) => t === "sent into a dead room link")).toHaveLength(1);
    expect(proxy.webSockets).toBe(2);
  });
});
