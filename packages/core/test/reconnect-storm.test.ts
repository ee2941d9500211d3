// A crowd of clients loses its server at once: counted at a proxy in front of the server, the
// first second after the drop brings one attempt per client, spread over the second, and every
// client is back once the server is.
import type { ParleyServer } from "@parley/server";
import { startTestServer, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { type FreezingProxy, startFreezingProxy } from "@parley/test-kit/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { friendsWs } from "../src/adapters/friends-ws/index.js";
import { type ChatClient, createChatClient } from "../src/client.js";

const CROWD = 200;
let server: ParleyServer;
let proxy: FreezingProxy;
const clients: ChatClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ dialects: ["friends-ws"] });
  proxy = await startFreezingProxy(server.url("friends-ws"));
});
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await proxy.close();
  await server.close();
});

describe("a reconnection storm", () => {
  it("is one attempt per client in the first second after a drop, spread, then all are back", async () => {
    const token = await server.token(testUsers.alice);
    for (let i = 0; i < CROWD; i++) {
      const client = createChatClient({
        adapter: friendsWs(),
        url: proxy.url,
        auth: token,
        WebSocket,
      });
      clients.push(client);
      client.connect();
    }
    for (const client of clients)
      await waitFor(client, (s) => s.connection.status === "connected", 20_000, "connected");

    const before = proxy.upgradeTimes.length;
    const dropped = Date.now();
    await server.stop(); // every socket closes; nothing answers until the server is back
    const since = () => proxy.upgradeTimes.slice(before);
    // Every client tries again, and soon: a condition, since a loaded machine notices the drop
    // late (the first attempt waits at most the backoff's 1 s minimum after that).
    await vi.waitFor(() => expect(since().length).toBeGreaterThanOrEqual(CROWD), {
      timeout: 5_000,
      interval: 50,
    });
    // The rate is counted over the second from the first attempt: that second is observed.
    const first = since()[0] as number;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, first + 1000 - Date.now())));
    const attempts = since().map((t) => t - first);
    const firstSecond = attempts.filter((t) => t < 1000);
    // At most one each (a client that noticed the drop late may try just past the second)...
    expect(firstSecond.length).toBeLessThanOrEqual(CROWD * 1.05);
    // ...spread over the second, not all at once.
    const perTenth = Array.from(
      { length: 10 },
      (_, i) => firstSecond.filter((t) => t >= i * 100 && t < (i + 1) * 100).length,
    );
    expect(Math.max(...perTenth)).toBeLessThanOrEqual(CROWD * 0.25);
    expect(first - dropped).toBeLessThan(1_000);

    await server.start();
    for (const client of clients)
      await waitFor(client, (s) => s.connection.status === "connected", 20_000, "back");
  }, 60_000);
});
