import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connect, rest } from "../../../test/friends-ws.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob } = testUsers;
let dir: string;
let server: ParleyServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-friends-"));
  server = await startTestServer({ dialects: ["friends-ws"], db: join(dir, "chat.db") });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it("keeps messages, their status and deletions across a restart on the same database file", async () => {
  const url = server.url("friends-ws");
  const a = await connect(server, alice);
  a.send({ type: "send_message", receiver_id: bob, content: "before restart (socket)" });
  const viaSocket = await a.next((f) => f.type === "message_sent");
  const viaRest = await rest(server, "POST", "/messages/", {
    as: alice,
    body: { receiver_id: bob, content: "before restart (REST)" },
  });
  const doomed = await rest(server, "POST", "/messages/", {
    as: alice,
    body: { receiver_id: bob, content: "deleted before restart" },
  });
  await rest(server, "PUT", `/messages/${viaSocket.message_id}/read`, { as: bob });
  await rest(server, "DELETE", `/messages/${doomed.body.message_id}`, { as: alice });

  await server.restart();
  expect(server.url("friends-ws")).toBe(url);
  expect((await a.closed).code).toBe(1001);

  const history = await rest(server, "GET", `/messages/history/${alice}`, { as: bob });
  expect(history.status).toBe(200);
  expect(history.body.total).toBe(2);
  expect(history.body.messages.map((m: any) => [m.message_id, m.content, m.status])).toEqual([
    [viaRest.body.message_id, "before restart (REST)", "delivered"],
    [viaSocket.message_id, "before restart (socket)", "read"],
  ]);
  expect((await rest(server, "GET", "/messages/unread-count", { as: bob })).body).toEqual({
    unread_count: 1,
  });

  // The restarted server still takes new messages, after the old ones.
  const b = await connect(server, bob);
  b.send({ type: "send_message", receiver_id: alice, content: "after restart" });
  const after = await b.next((f) => f.type === "message_sent");
  const again = await rest(server, "GET", `/messages/history/${bob}?limit=1`, { as: alice });
  expect(again.body.messages[0]).toMatchObject({
    message_id: after.message_id,
    content: "after restart",
  });
  b.close();
  await b.closed;
});
