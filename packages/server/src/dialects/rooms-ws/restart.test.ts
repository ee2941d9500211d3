import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RoomsClient, roomsClient } from "../../../test/rooms-ws.js";
import type { ParleyServer } from "../../server.js";
import { testRoomsChats, testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, mallory } = testUsers;
let dir: string;
let server: ParleyServer;
let client: RoomsClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-rooms-"));
  server = await startTestServer({ dialects: ["rooms-ws"], db: join(dir, "chat.db") });
  client = roomsClient(server);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it("keeps messages, edits, reads, created chats and uploads across a restart", async () => {
  const one = testRoomsChats.one;
  const socket = await client.joined(alice, "customer", one);
  socket.send({ type: "send_message", chat_id: one, content: "before restart" });
  const sent = (await socket.next((f) => f.type === "message")).message;
  const byHttp = await client.api(bob, "POST", `/chats/${one}/messages`, {
    content: "over http",
    reply_to_id: sent.id,
  });
  await client.api(alice, "PUT", `/messages/${sent.id}`, { content: "edited before restart" });
  socket.send({ type: "read_message", chat_id: one, message_id: byHttp.body.id });
  await socket.next((f) => f.type === "read_receipt");
  const created = await client.api(bob, "POST", "/chats", {
    customer_id: 5,
    initial_message: "hello",
  });
  const form = new FormData();
  form.append(
    "file",
    new Blob([new Uint8Array([1, 2, 3, 4])], { type: "application/pdf" }),
    "a.pdf",
  );
  const upload = await client.api(alice, "POST", "/upload", form);

  const url = client.http;
  await server.restart();
  expect(server.url("rooms-ws")).toBe(url);
  expect((await socket.closed).code).toBe(1001);

  const history = await client.api(alice, "GET", `/chats/${one}/messages`);
  expect(history.status).toBe(200);
  expect(history.body.messages.map((m: any) => [m.content, m.is_edited, m.reply_to_id])).toEqual([
    ["edited before restart", true, null],
    ["over http", false, sent.id],
  ]);
  expect(history.body.messages[1].read_by).toEqual([1]);
  expect((await client.api(alice, "GET", `/chats/${one}`)).body.unread_count).toBe(0);

  const mallorys = await client.api(mallory, "GET", "/chats/customer");
  expect(mallorys.body.map((c: any) => c.id)).toEqual([created.body.id]);
  // Fixture seeding on restart did not touch the run-time chat, and ids keep counting up.
  const next = await client.api(bob, "POST", "/chats", { customer_id: 5 });
  expect(next.body.id).toBeGreaterThan(created.body.id);

  const file = await fetch(`${url}${upload.body.url}`);
  expect(file.headers.get("content-type")).toBe("application/pdf");
  expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));

  const again = await client.joined(alice, "customer", one);
  again.send({ type: "send_message", chat_id: one, content: "after restart" });
  expect((await again.next((f) => f.type === "message")).message.id).toBeGreaterThan(
    byHttp.body.id,
  );
  again.close();
});
