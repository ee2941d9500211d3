import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RoomsClient, roomsClient } from "../../../test/rooms-ws.js";
import { WsProbe } from "../../../test/ws-probe.js";
import type { ParleyServer } from "../../server.js";
import { testRoomsChats, testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol, dave, mallory } = testUsers;
/** Participant ids (the fixtures' numericId). */
const id = { alice: 1, bob: 2, carol: 3, dave: 4, mallory: 5 };

let server: ParleyServer;
let client: RoomsClient;
/** The server's clock; tests move it to cross the 15-minute edit window. */
let fakeNow = Date.parse("2026-01-09T10:30:00Z");

beforeAll(async () => {
  server = await startTestServer({ dialects: ["rooms-ws"], now: () => fakeNow });
  client = roomsClient(server);
});
afterAll(() => server.close());

describe("rooms-ws connection", () => {
  it("confirms a staff and a customer connection with their participant type and id", async () => {
    const staff = await WsProbe.open(client.socketUrl("user", await server.token(bob)));
    expect(await staff.next()).toEqual({
      type: "connected",
      participant_type: "user",
      participant_id: id.bob,
    });
    const customer = await WsProbe.open(client.socketUrl("customer", await server.token(alice)));
    expect(await customer.next()).toEqual({
      type: "connected",
      participant_type: "customer",
      participant_id: id.alice,
    });
    expect(server.connectionCount("rooms-ws")).toBeGreaterThanOrEqual(2);
    staff.close();
    customer.close();
  });

  it("answers ping with pong and the server time", async () => {
    const probe = await client.connect(dave, "user");
    probe.send({ type: "ping" });
    expect(await probe.next((f) => f.type === "pong")).toEqual({
      type: "pong",
      timestamp: new Date(fakeNow).toISOString(),
    });
    probe.close();
  });

  it("drops every socket on demand, and a reconnecting client rejoins and sees what it missed", async () => {
    const chatId = testRoomsChats.one;
    const first = await client.joined(alice, "customer", chatId);
    server.dropConnections("rooms-ws");
    expect((await first.closed).code).toBe(1006);
    const sent = await client.api(bob, "POST", `/chats/${chatId}/messages`, {
      content: "while away",
    });
    const again = await client.joined(alice, "customer", chatId);
    const history = await client.api(alice, "GET", `/chats/${chatId}/messages?page_size=1`);
    expect(history.body.messages[0].id).toBe(sent.body.id);
    server.pauseDelivery();
    again.send({ type: "send_message", chat_id: chatId, content: "held" });
    expect(await again.none((f) => f.type === "message", 100)).toBe(true);
    server.resumeDelivery();
    expect((await again.next((f) => f.type === "message")).message.content).toBe("held");
    again.close();
  });
});

describe("rooms-ws example flow: admin initiates a chat, customer responds", () => {
  it("runs the seed's two example flows end to end", async () => {
    // Admin step 1: create the chat over REST with an initial message.
    const created = await client.api(bob, "POST", "/chats", {
      customer_id: id.mallory,
      initial_message: "Hi, how can I help?",
    });
    expect(created.status).toBe(201);
    const chat = created.body;
    expect(chat).toMatchObject({
      id: expect.any(Number),
      unread_count: 0,
      last_message: { content: "Hi, how can I help?", sender_type: "user", sender_id: id.bob },
    });
    expect(chat.participants.map((p: any) => [p.participant_type, p.participant_id])).toEqual([
      ["user", id.bob],
      ["customer", id.mallory],
    ]);

    // Admin steps 2-4: connect, join, send.
    const admin = await client.joined(bob, "user", chat.id);
    admin.send({ type: "send_message", chat_id: chat.id, content: "What can I help you with?" });
    const echo = await admin.next((f) => f.type === "message");
    expect(echo.message).toMatchObject({
      chat_id: chat.id,
      content: "What can I help you with?",
      message_type: "text",
      media_url: null,
      sender_type: "user",
      sender_id: id.bob,
      reply_to_id: null,
      is_edited: false,
      is_deleted: false,
      created_at: new Date(fakeNow).toISOString(),
    });

    // The customer sees the chat in their list, with both messages unread.
    const list = await client.api(mallory, "GET", "/chats/customer");
    expect(list.status).toBe(200);
    expect(list.body.find((c: any) => c.id === chat.id)).toMatchObject({
      unread_count: 2,
      last_message: { id: echo.message.id },
    });

    // Customer: connect, join, receive the admin's next message, mark it read, reply.
    const customer = await client.joined(mallory, "customer", chat.id);
    expect(await admin.next((f) => f.type === "user_joined")).toEqual({
      type: "user_joined",
      chat_id: chat.id,
      participant_id: id.mallory,
    });
    admin.send({ type: "send_message", chat_id: chat.id, content: "Are you there?" });
    const received = await customer.next((f) => f.type === "message");
    expect(received.message.content).toBe("Are you there?");
    customer.send({
      type: "read_message",
      chat_id: received.message.chat_id,
      message_id: received.message.id,
    });
    expect(await admin.next((f) => f.type === "read_receipt")).toEqual({
      type: "read_receipt",
      chat_id: chat.id,
      message_id: received.message.id,
      reader_id: id.mallory,
    });
    customer.send({
      type: "send_message",
      chat_id: chat.id,
      content: "I need to book an appointment",
    });
    const reply = await admin.next((f) => f.type === "message");
    expect(reply.message).toMatchObject({ sender_type: "customer", sender_id: id.mallory });

    // Reading the newest message also read the earlier ones.
    const after = await client.api(mallory, "GET", `/chats/${chat.id}`);
    expect(after.body.unread_count).toBe(0);
    const adminView = await client.api(bob, "GET", `/chats/${chat.id}`);
    expect(adminView.body.unread_count).toBe(1);
    admin.close();
    customer.close();
  });
});

describe("rooms-ws multi-participant chat", () => {
  it("fans messages out to every joined member, with replies, typing and presence", async () => {
    const chatId = testRoomsChats.one; // alice (customer), bob and dave (staff)
    const a = await client.joined(alice, "customer", chatId);
    const b = await client.joined(bob, "user", chatId);
    // The joiner learns who is already present (Extension), the others get user_joined.
    expect(
      await b.next((f) => f.type === "user_joined" && f.participant_id === id.alice),
    ).toBeTruthy();
    expect(
      await a.next((f) => f.type === "user_joined" && f.participant_id === id.bob),
    ).toBeTruthy();
    const d = await client.joined(dave, "user", chatId);

    a.send({ type: "send_message", chat_id: chatId, content: "Hello!", message_type: "text" });
    const [ma, mb, md] = await Promise.all(
      [a, b, d].map((p) => p.next((f) => f.type === "message" && f.message.content === "Hello!")),
    );
    expect(mb.message).toEqual(ma.message);
    expect(md.message.id).toBe(ma.message.id);

    d.send({
      type: "send_message",
      chat_id: chatId,
      content: "Replying",
      reply_to_id: ma.message.id,
    });
    const replied = await a.next((f) => f.type === "message" && f.message.content === "Replying");
    expect(replied.message).toMatchObject({ reply_to_id: ma.message.id, sender_id: id.dave });

    b.send({ type: "typing", chat_id: chatId, is_typing: true });
    expect(await a.next((f) => f.type === "typing")).toEqual({
      type: "typing",
      chat_id: chatId,
      participant_id: id.bob,
      is_typing: true,
    });
    expect(await d.next((f) => f.type === "typing")).toMatchObject({ participant_id: id.bob });
    expect(await b.none((f) => f.type === "typing", 100)).toBe(true);

    // Presence over REST: who is connected.
    const details = await client.api(alice, "GET", `/chats/${chatId}`);
    expect(details.body.participants.every((p: any) => p.is_online)).toBe(true);

    d.send({ type: "leave_chat", chat_id: chatId });
    expect(await a.next((f) => f.type === "user_left")).toEqual({
      type: "user_left",
      chat_id: chatId,
      participant_id: id.dave,
    });
    // After leaving, dave gets no more live events from the chat.
    await d.next((f) => f.type === "user_left");
    b.send({ type: "send_message", chat_id: chatId, content: "dave is gone" });
    await a.next((f) => f.type === "message" && f.message.content === "dave is gone");
    expect(await d.none((f) => f.message?.content === "dave is gone", 100)).toBe(true);

    b.close();
    expect(await a.next((f) => f.type === "user_left")).toMatchObject({ participant_id: id.bob });
    a.close();
    d.close();
  });
});

describe("rooms-ws REST", () => {
  it("lists chats for staff and customers with unread counts and last messages", async () => {
    const staff = await client.api(bob, "GET", "/chats");
    expect(staff.status).toBe(200);
    const ids = staff.body.map((c: any) => c.id);
    expect(ids).toEqual(expect.arrayContaining([testRoomsChats.one, testRoomsChats.two]));
    for (const chat of staff.body) {
      expect(chat).toEqual(
        expect.objectContaining({
          id: expect.any(Number),
          title: expect.toBeOneOf([expect.any(String), null]),
          participants: expect.any(Array),
          unread_count: expect.any(Number),
          last_message: expect.toBeOneOf([expect.any(Object), null]),
        }),
      );
    }
    const carols = await client.api(carol, "GET", "/chats/customer");
    expect(carols.body.map((c: any) => c.id)).toEqual([testRoomsChats.two]);
    expect(carols.body[0]).toMatchObject({
      title: "Room two",
      last_message: null,
      unread_count: 0,
    });
  });

  it("sends over HTTP, broadcasts live, and pages the history newest page first", async () => {
    const chatId = testRoomsChats.two;
    const watcher = await client.joined(carol, "customer", chatId);
    const sent: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const r = await client.api(bob, "POST", `/chats/${chatId}/messages`, { content: `m${i}` });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ content: `m${i}`, sender_type: "user", chat_id: chatId });
      sent.push(r.body.id);
    }
    const live = await watcher.next((f) => f.type === "message" && f.message.content === "m7");
    expect(live.message.id).toBe(sent[6]);
    expect(await client.api(carol, "GET", `/chats/${chatId}`)).toMatchObject({
      body: { unread_count: 7, last_message: { content: "m7" } },
    });

    const page1 = await client.api(carol, "GET", `/chats/${chatId}/messages?page=1&page_size=3`);
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ total: 7, page: 1, page_size: 3, pages: 3 });
    expect(page1.body.messages.map((m: any) => m.content)).toEqual(["m5", "m6", "m7"]);
    const page3 = await client.api(carol, "GET", `/chats/${chatId}/messages?page=3&page_size=3`);
    expect(page3.body.messages.map((m: any) => m.content)).toEqual(["m1"]);
    const all = await client.api(carol, "GET", `/chats/${chatId}/messages`);
    expect(all.body).toMatchObject({ total: 7, page: 1, page_size: 50, pages: 1 });

    watcher.send({ type: "read_message", chat_id: chatId, message_id: sent[6] });
    await watcher.next((f) => f.type === "read_receipt");
    const read = await client.api(bob, "GET", `/chats/${chatId}/messages?page_size=1`);
    expect(read.body.messages[0].read_by).toEqual([id.carol]);
    watcher.close();
  });

  it("lets a customer create a chat that the staff is told about", async () => {
    const staffSocket = await client.connect(dave, "user");
    const created = await client.api(carol, "POST", "/chats/customer", {
      title: "Booking",
      initial_message: "Can I move my appointment?",
    });
    expect(created.status).toBe(201);
    expect(created.body.participants.map((p: any) => p.participant_id).sort()).toEqual(
      [id.bob, id.carol, id.dave].sort(),
    );
    const note = await staffSocket.next((f) => f.type === "chat_created");
    expect(note.chat).toMatchObject({ id: created.body.id, title: "Booking", unread_count: 1 });

    const chosen = await client.api(carol, "POST", "/chats/customer", { user_id: id.dave });
    expect(chosen.body.participants.map((p: any) => p.participant_id)).toEqual([id.carol, id.dave]);
    staffSocket.close();
  });

  it("reports connection statistics", async () => {
    const a = await client.joined(alice, "customer", testRoomsChats.one);
    const stats = await client.api(bob, "GET", "/stats");
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      total_connections: expect.any(Number),
      user_connections: expect.any(Number),
      customer_connections: expect.any(Number),
      online_users: expect.any(Number),
      online_customers: expect.any(Number),
      active_chats: expect.any(Number),
    });
    expect(stats.body.customer_connections).toBeGreaterThanOrEqual(1);
    expect(stats.body.active_chats).toBeGreaterThanOrEqual(1);
    a.close();
  });
});

describe("rooms-ws edit and delete", () => {
  it("edits within 15 minutes of sending, and not after", async () => {
    const chatId = testRoomsChats.one;
    const watcher = await client.joined(alice, "customer", chatId);
    const sent = await client.api(bob, "POST", `/chats/${chatId}/messages`, { content: "typo" });
    const start = fakeNow;
    fakeNow = start + 14 * 60 * 1000;
    const edited = await client.api(bob, "PUT", `/messages/${sent.body.id}`, { content: "fixed" });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: sent.body.id, content: "fixed", is_edited: true });
    expect(await watcher.next((f) => f.type === "message_updated")).toMatchObject({
      message: { id: sent.body.id, content: "fixed", is_edited: true },
    });

    fakeNow = start + 15 * 60 * 1000 + 1;
    const late = await client.api(bob, "PUT", `/messages/${sent.body.id}`, { content: "too late" });
    expect(late.status).toBe(403);
    expect(late.body).toEqual({ detail: expect.stringContaining("15 minutes") });
    fakeNow = start;
    watcher.close();
  });

  it("soft-deletes: history keeps the message as is_deleted, members see message_deleted", async () => {
    const chatId = testRoomsChats.one;
    const watcher = await client.joined(dave, "user", chatId);
    const sent = await client.api(alice, "POST", `/chats/${chatId}/messages`, { content: "oops" });
    const deleted = await client.api(alice, "DELETE", `/messages/${sent.body.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: sent.body.id, is_deleted: true, content: null });
    expect(await watcher.next((f) => f.type === "message_deleted")).toMatchObject({
      message: { id: sent.body.id, is_deleted: true },
    });
    const history = await client.api(alice, "GET", `/chats/${chatId}/messages`);
    const row = history.body.messages.find((m: any) => m.id === sent.body.id);
    expect(row).toMatchObject({ is_deleted: true, content: null, deleted_at: expect.any(String) });
    watcher.close();
  });
});

describe("rooms-ws uploads and media messages", () => {
  it("uploads an image, serves it with its type and nosniff, and sends it as an image message", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const form = new FormData();
    form.append("file", new Blob([png], { type: "image/png" }), "photo.png");
    const up = await client.api(alice, "POST", "/upload", form);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      url: expect.stringMatching(/^\/uploads\/[a-f0-9]{32}\.png$/),
      content_type: "image/png",
      size: png.byteLength,
      original_filename: "photo.png",
      message_type: "image",
    });

    const file = await fetch(`${client.http}${up.body.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);

    const chatId = testRoomsChats.one;
    const sender = await client.joined(alice, "customer", chatId);
    sender.send({
      type: "send_message",
      chat_id: chatId,
      media_url: up.body.url,
      message_type: "image",
    });
    const echo = await sender.next((f) => f.type === "message");
    expect(echo.message).toMatchObject({
      message_type: "image",
      media_url: up.body.url,
      content: null,
    });

    const voice = new FormData();
    voice.append("file", new Blob([new Uint8Array([1, 2, 3])], { type: "audio/ogg" }), "note.ogg");
    const note = await client.api(alice, "POST", "/upload", voice);
    expect(note.body).toMatchObject({ message_type: "voice", content_type: "audio/ogg" });
    sender.send({
      type: "send_message",
      chat_id: chatId,
      media_url: note.body.url,
      message_type: "voice",
    });
    expect((await sender.next((f) => f.type === "message")).message.message_type).toBe("voice");
    sender.close();
  });
});
