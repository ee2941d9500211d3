import type { ParleyServer } from "@parley/server";
import { startTestServer, testProfile, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type ChatClient, createChatClient } from "../../client.js";
import { defaultTimers, type Timers } from "../../environment.js";
import { emptyThread, threadMessages } from "../../thread.js";
import { friendsWs } from "./index.js";

// `message_sent` carries no time. The sender's own message must still sit where the server
// stored it, whatever the sender's clock says.
const { alice, bob } = testUsers;
const field = testProfile() === "field";
let server: ParleyServer;
const clients: ChatClient[] = [];

/** A token as the profile issues them (field: `sub` is the username, plus `user_id`). */
function token(userId: string): Promise<string> {
  if (!field) return server.token(userId);
  const user = server.directory.user(userId);
  return server.tokens.sign(user?.username ?? userId, {
    claims: { user_id: userId, role: [...(user?.roles ?? [])][0] },
  });
}

async function online(userId: string, timers: Timers = defaultTimers): Promise<ChatClient> {
  const client = createChatClient({
    adapter: friendsWs(),
    url: server.url("friends-ws"),
    auth: () => token(userId),
    WebSocket,
    timers,
    backoff: { min: 50, max: 500 },
  });
  clients.push(client);
  client.connect();
  await waitFor(client, (s) => s.connection.status === "connected", 8000, "connected");
  return client;
}

const texts = (client: ChatClient, conversationId: string) =>
  threadMessages(client.getState().threads[conversationId] ?? emptyThread).map((m) => m.text);
const confirmed = (client: ChatClient, conversationId: string, text: string) =>
  waitFor(client, (s) =>
    threadMessages(s.threads[conversationId] ?? emptyThread).some(
      (m) => m.text === text && m.id !== undefined,
    ),
  );

beforeEach(async () => {
  server = await startTestServer({ dialects: ["friends-ws"] });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
});

describe("friends-ws: the sender's own messages in the server's order", () => {
  it("places them where the server stored them, with a clock a minute ahead", async () => {
    const ahead: Timers = { ...defaultTimers, now: () => defaultTimers.now() + 60_000 };
    const a = await online(alice, ahead);
    const b = await online(bob);
    await a.openConversation(bob);
    await b.openConversation(alice);

    a.send(bob, "first, from alice");
    await confirmed(a, bob, "first, from alice");
    b.send(alice, "then bob");
    await confirmed(a, bob, "then bob");
    a.send(bob, "and alice again");
    await confirmed(a, bob, "and alice again");
    const order = ["first, from alice", "then bob", "and alice again"];
    // Confirmed before the server's time is known, each moves to its place once it is.
    await waitFor(a, () => texts(a, bob).join() === order.join(), 5000, "the server's order");
    expect(texts(a, bob)).toEqual(order);
    // No time of ours is later than the server's: history agrees after a reload.
    await a.loadOlder(bob).catch(() => false);
    expect(texts(a, bob)).toEqual(order);
  });
});
