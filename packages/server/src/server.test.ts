import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WsProbe } from "../test/ws-probe.js";
import { Directory, FixtureError } from "./fixtures/directory.js";
import type { ParleyServer } from "./server.js";
import { testChannelsChats, testFixtures, testUsers } from "./testing/fixtures.js";
import { startTestServer } from "./testing/start-test-server.js";

let server: ParleyServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-server-"));
  server = await startTestServer({ dialects: ["channels-ws", "friends-ws"] });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const chatSocket = async (userId: string) => {
  const ws = server.url("channels-ws").replace("http", "ws");
  return WsProbe.open(`${ws}/ws/chat/${testChannelsChats.a}/?token=${await server.token(userId)}`);
};

describe("fault controls", () => {
  it("holds every delivery while paused and delivers them in order on resume", async () => {
    const alice = await chatSocket(testUsers.alice);
    const bob = await chatSocket(testUsers.bob);
    server.pauseDelivery();
    alice.send({ content: "held 1" });
    alice.send({ content: "held 2" });
    expect(await bob.none((f) => f.message, 300)).toBe(true);
    server.resumeDelivery();
    expect((await bob.next((f) => f.message)).message.content).toBe("held 1");
    expect((await bob.next((f) => f.message)).message.content).toBe("held 2");
    alice.close();
    bob.close();
  });

  it("drops every connection of one dialect abruptly and keeps serving", async () => {
    const probe = await chatSocket(testUsers.alice);
    expect(server.connectionCount("channels-ws")).toBeGreaterThan(0);
    server.dropConnections("channels-ws");
    expect((await probe.closed).code).toBe(1006);
    const again = await chatSocket(testUsers.alice);
    expect(again.socket.readyState).toBe(again.socket.OPEN);
    again.close();
  });

  it("stops and starts on the same ports", async () => {
    const before = { ...server.urls };
    await server.stop();
    await expect(fetch(`${before["friends-ws"]}/api/v1/chat/friends/online`)).rejects.toThrow();
    await server.start();
    expect(server.urls).toEqual(before);
    const response = await fetch(`${server.url("friends-ws")}/api/v1/chat/friends/online`, {
      headers: { authorization: `Bearer ${await server.token(testUsers.alice)}` },
    });
    expect(response.status).toBe(200);
  });

  it("lets a pooled keep-alive connection notice a restart before it is reused", async () => {
    const url = `${server.url("friends-ws")}/api/v1/chat/friends/online`;
    const headers = { authorization: `Bearer ${await server.token(testUsers.alice)}` };
    let failed = 0;
    for (let round = 0; round < 20; round++) {
      await (await fetch(url, { headers })).text(); // leaves a keep-alive socket in fetch's pool
      await server.restart();
      const again = await fetch(url, { headers }).catch(() => null);
      if (again?.status !== 200) failed++;
    }
    expect(failed).toBe(0);
  });

  it("names a dialect it does not serve", () => {
    expect(() => server.url("rooms-ws")).toThrow(/not served/);
  });
});

describe("fixtures", () => {
  it("loads a fixture file and refuses broken ones with a clear error", async () => {
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(testFixtures));
    expect((await Directory.fromFile(good)).user(testUsers.alice)?.name).toBe("Alice");

    const cases: Array<[string, string, RegExp]> = [
      ["missing.json", "", /cannot read/],
      ["not-json.json", "{users:", /not valid JSON/],
      ["no-users.json", JSON.stringify({ users: [] }), /invalid fixtures/],
      [
        "dangling.json",
        JSON.stringify({
          users: [{ id: "a", name: "A", role: "user" }],
          friendships: [{ a: "a", b: "zz" }],
        }),
        /unknown user zz/,
      ],
      [
        "duplicate.json",
        JSON.stringify({
          users: [
            { id: "a", name: "A", role: "user" },
            { id: "a", name: "B", role: "user" },
          ],
        }),
        /duplicate user id a/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const path = join(dir, name);
      if (text) writeFileSync(path, text);
      const attempt = Directory.fromFile(path);
      await expect(attempt).rejects.toBeInstanceOf(FixtureError);
      await expect(Directory.fromFile(path)).rejects.toThrow(message);
    }
  });
});

describe("CORS", () => {
  it("answers preflights and names the caller's origin on every dialect's REST answers", async () => {
    const url = `${server.url("friends-ws")}/api/v1/chat/friends/online`;
    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: {
        origin: "http://app.example",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://app.example");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization");
    const answer = await fetch(url, {
      headers: {
        origin: "http://app.example",
        authorization: `Bearer ${await server.token(testUsers.alice)}`,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://app.example");
    // No token is still refused: CORS opens the door to browsers, not to anonymous callers.
    const anonymous = await fetch(url, { headers: { origin: "http://app.example" } });
    expect(anonymous.status).toBe(401);
  });
});
