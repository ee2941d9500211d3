import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WsProbe } from "../../../test/ws-probe.js";
import type { ParleyServer } from "../../server.js";
import { testChannelsChats, testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

let dir: string;
let server: ParleyServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-channels-"));
  server = await startTestServer({ dialects: ["channels-ws"], db: join(dir, "chat.db") });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it("keeps history and created chats across a restart on the same database file", async () => {
  const url = server.url("channels-ws");
  const token = await server.token(testUsers.alice);
  const created = await fetch(`${url}/chat/chats/`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ professional: testUsers.dave }),
  }).then((r) => r.json() as Promise<{ id: string }>);

  const probe = await WsProbe.open(
    `${url.replace("http", "ws")}/ws/chat/${testChannelsChats.a}/?token=${token}`,
  );
  probe.send({ content: "before restart" });
  await probe.next((f) => f.message);

  await server.restart();
  expect(server.url("channels-ws")).toBe(url);
  expect((await probe.closed).code).toBe(1001);
  await new Promise((r) => setTimeout(r, 200));

  const history = await fetch(`${url}/chat/chats/${testChannelsChats.a}/messages/`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.json() as Promise<{ results: Array<{ content: string }> }>);
  expect(history.results.map((m) => m.content)).toEqual(["before restart"]);

  const again = await WsProbe.open(
    `${url.replace("http", "ws")}/ws/chat/${created.id}/?token=${token}`,
  );
  expect(again.socket.readyState).toBe(again.socket.OPEN);
  again.close();
});
