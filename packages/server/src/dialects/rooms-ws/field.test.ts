import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RoomsClient, roomsClient } from "../../../test/rooms-ws.js";
import { WsProbe } from "../../../test/ws-probe.js";
import type { ParleyServer } from "../../server.js";
import { testRoomsChats, testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";
import { fieldPhone } from "./profile.js";

// The `field` profile: rooms-ws as the deployed backend (naries/salon-backend) behaves. Every
// test names the difference from the seed profile it checks (docs/rooms-ws.md, "Field profile").

const { alice, bob, carol, dave, mallory } = testUsers;
/** Field ids: staff and customers are numbered apart, so alice and bob are both 1. */
const staff = { bob: 1, dave: 2 };
const customer = { alice: 1, carol: 2, mallory: 3 };
const one = testRoomsChats.one; // alice, bob, dave
const NAIVE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/;

let server: ParleyServer;
let client: RoomsClient;

beforeAll(async () => {
  server = await startTestServer({ dialects: ["rooms-ws"], profile: "field" });
  client = roomsClient(server);
});
afterAll(() => server.close());

/** Every frame the server sent `probe` before it answered a `ping` sent now (frames are in order). */
async function settled(probe: WsProbe): Promise<any[]> {
  probe.send({ type: "ping" });
  await probe.next((f) => f.type === "pong");
  return [...probe.frames];
}

/** A new chat of bob with mallory, so receipts and deletes of one test touch no other. */
async function freshChat(): Promise<number> {
  const created = await client.api(bob, "POST", "/chats", { customer_id: customer.mallory });
  expect(created.status).toBe(201);
  return created.body.id as number;
}

describe("rooms-ws field profile: connecting", () => {
  it("numbers staff and customers apart: staff #1 and customer #1 are both 1", async () => {
    const staffSocket = await WsProbe.open(client.socketUrl("user", await server.token(bob)));
    expect(await staffSocket.next()).toMatchObject({
      type: "connected",
      participant_type: "user",
      participant_id: staff.bob,
      timestamp: expect.stringMatching(NAIVE),
    });
    const phoneToken = await server.tokens.sign(fieldPhone(customer.alice));
    const customerSocket = await WsProbe.open(client.socketUrl("customer", phoneToken));
    expect(await customerSocket.next()).toMatchObject({
      type: "connected",
      participant_type: "customer",
      participant_id: customer.alice,
    });
    const chat = await client.api(bob, "GET", `/chats/${one}`);
    expect(
      chat.body.participants.map((p: any) => `${p.participant_type}:${p.participant_id}`).sort(),
    ).toEqual(["customer:1", "user:1", "user:2"]);
    staffSocket.close();
    customerSocket.close();
  });

  it("refuses a bad token, a wrong endpoint and an unknown phone with HTTP 403 at the upgrade", async () => {
    const refused = [
      client.socketUrl("user", "not-a-jwt"),
      client.socketUrl("user", await server.token(bob, -10)),
      client.socketUrl("user", await server.token(alice)),
      client.socketUrl("customer", await server.tokens.sign(fieldPhone(99))),
    ];
    for (const url of refused) await expect(WsProbe.open(url)).rejects.toThrow("HTTP 403");
    const fine = await WsProbe.open(client.socketUrl("user", await server.token(dave)));
    expect(await fine.next()).toMatchObject({ type: "connected", participant_id: staff.dave });
    fine.close();
  });
});

describe("rooms-ws field profile: chats", () => {
  it("tells only the others of a join and a leave; a non-member's join is refused", async () => {
    const dv = await client.joinedQuietly(dave, "user", one);
    const bb = await client.connect(bob, "user");
    bb.send({ type: "join_chat", chat_id: one });
    const joined = await dv.next((f) => f.type === "user_joined");
    expect(joined).toMatchObject({ chat_id: one, participant_type: "user", participant_id: 1 });
    expect((await settled(bb)).filter((f) => f.type === "user_joined")).toEqual([]);

    bb.send({ type: "leave_chat", chat_id: one });
    expect(await dv.next((f) => f.type === "user_left")).toMatchObject({ participant_id: 1 });
    expect((await settled(bb)).filter((f) => f.type === "user_left")).toEqual([]);

    const cr = await client.connect(carol, "customer");
    cr.send({ type: "join_chat", chat_id: one });
    expect(await cr.next((f) => f.type === "error")).toEqual({
      type: "error",
      error: "You are not a participant in this chat",
    });
    for (const p of [dv, bb, cr]) p.close();
  });

  it("echoes a message only to joined sockets, in upstream's frame with reply_to_message_id", async () => {
    const bb = await client.joinedQuietly(bob, "user", one);
    const al = await client.connect(alice, "customer"); // not joined
    al.send({ type: "send_message", chat_id: one, content: "from an unjoined socket" });
    const got = await bb.next((f) => f.type === "message");
    expect(got).toMatchObject({
      type: "message",
      chat_id: one,
      timestamp: expect.stringMatching(NAIVE),
      message: {
        chat_id: one,
        sender_type: "customer",
        sender_id: customer.alice,
        content: "from an unjoined socket",
        reply_to_message_id: null,
        created_at: expect.stringMatching(NAIVE),
        is_delivered: true,
      },
    });
    expect((await settled(al)).filter((f) => f.type === "message")).toEqual([]);

    bb.send({
      type: "send_message",
      chat_id: one,
      content: "a reply",
      reply_to_message_id: got.message.id,
    });
    const reply = await bb.next((f) => f.type === "message");
    expect(reply.message).toMatchObject({ sender_type: "user", sender_id: staff.bob });
    expect(reply.message.reply_to_message_id).toBe(got.message.id);
    al.close();
    bb.close();
  });

  it("types and reads with the participant's type beside its id", async () => {
    const chatId = await freshChat();
    const bb = await client.joinedQuietly(bob, "user", chatId);
    const ml = await client.joinedQuietly(mallory, "customer", chatId);
    ml.send({ type: "typing", chat_id: chatId, is_typing: true });
    expect(await bb.next((f) => f.type === "typing")).toMatchObject({
      participant_type: "customer",
      participant_id: customer.mallory,
      is_typing: true,
    });
    bb.send({ type: "send_message", chat_id: chatId, content: "read me" });
    const sent = await ml.next((f) => f.type === "message");
    ml.send({ type: "read_message", chat_id: chatId, message_id: sent.message.id });
    expect(await bb.next((f) => f.type === "read_receipt")).toMatchObject({
      message_id: sent.message.id,
      reader_type: "customer",
      reader_id: customer.mallory,
    });
    bb.close();
    ml.close();
  });
});

describe("rooms-ws field profile: REST", () => {
  it("pages history newest first with has_more, sender_user_id/sender_customer_id, naive times", async () => {
    const chatId = await freshChat();
    for (const content of ["first", "second", "third"])
      await client.api(bob, "POST", `/chats/${chatId}/messages`, { content });
    const page = await client.api(bob, "GET", `/chats/${chatId}/messages?page=1&page_size=2`);
    expect(page.status).toBe(200);
    expect(Object.keys(page.body).sort()).toEqual([
      "has_more",
      "messages",
      "page",
      "page_size",
      "total",
    ]);
    expect(page.body).toMatchObject({ total: 3, page: 1, page_size: 2, has_more: true });
    expect(page.body.messages.map((m: any) => m.content)).toEqual(["third", "second"]);
    const [newest] = page.body.messages;
    expect(newest).not.toHaveProperty("sender_id");
    expect(newest).toMatchObject({
      sender_type: "user",
      sender_user_id: staff.bob,
      sender_customer_id: null,
      reply_to_message_id: null,
      created_at: expect.stringMatching(NAIVE),
      read_receipts: [],
    });
    const last = await client.api(bob, "GET", `/chats/${chatId}/messages?page=2&page_size=2`);
    expect(last.body).toMatchObject({ has_more: false });
    expect(last.body.messages.map((m: any) => m.content)).toEqual(["first"]);
  });

  it("keeps history, edit, delete, upload and chat details for staff: a customer gets 401", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array([1])], { type: "image/png" }), "a.png");
    for (const [method, path, body] of [
      ["GET", `/chats/${one}/messages`],
      ["GET", `/chats/${one}`],
      ["POST", `/chats/${one}/messages`, { content: "hi" }],
      ["PUT", "/messages/1", { content: "x" }],
      ["DELETE", "/messages/1"],
      ["POST", "/upload", form],
    ] as const) {
      const answer = await client.api(alice, method, path, body);
      expect([method, path, answer.status, answer.body]).toEqual([
        method,
        path,
        401,
        { detail: "Could not validate credentials" },
      ]);
    }
    expect((await client.api(alice, "GET", "/chats/customer")).status).toBe(200);
  });

  it("answers history with 500 once a message of the page has a read receipt", async () => {
    const chatId = await freshChat();
    const sent = await client.api(bob, "POST", `/chats/${chatId}/messages`, { content: "seen" });
    expect((await client.api(bob, "GET", `/chats/${chatId}/messages`)).status).toBe(200);
    const ml = await client.joinedQuietly(mallory, "customer", chatId);
    ml.send({ type: "read_message", chat_id: chatId, message_id: sent.body.id });
    await ml.next((f) => f.type === "read_receipt");
    const broken = await client.api(bob, "GET", `/chats/${chatId}/messages`);
    expect([broken.status, broken.body]).toEqual([500, "Internal Server Error"]);
    ml.close();
  });

  it("edits and deletes with upstream's answers and tells no socket", async () => {
    const chatId = await freshChat();
    const ml = await client.joinedQuietly(mallory, "customer", chatId);
    const sent = await client.api(bob, "POST", `/chats/${chatId}/messages`, { content: "typo" });
    await ml.next((f) => f.type === "message");

    const edited = await client.api(bob, "PUT", `/messages/${sent.body.id}`, { content: "fixed" });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: sent.body.id, content: "fixed", is_edited: true });
    expect(edited.body).toHaveProperty("sender_user_id", staff.bob);
    expect(edited.body).not.toHaveProperty("sender_id");

    const deleted = await client.api(bob, "DELETE", `/messages/${sent.body.id}`);
    expect([deleted.status, deleted.body]).toEqual([
      200,
      { message: "Message deleted successfully" },
    ]);
    const frames = await settled(ml);
    expect(frames.filter((f) => /^message_(updated|deleted)$/.test(f.type))).toEqual([]);
    const history = await client.api(bob, "GET", `/chats/${chatId}/messages`);
    expect(history.body).toMatchObject({ total: 0, messages: [] });
    ml.close();
  });
});

describe("rooms-ws field profile: the edit window", () => {
  it("refuses an edit after 15 minutes with 400, as upstream's edit_message does", async () => {
    let now = Date.parse("2026-01-09T10:30:00Z");
    const clocked = await startTestServer({
      dialects: ["rooms-ws"],
      profile: "field",
      now: () => now,
    });
    try {
      const api = roomsClient(clocked).api;
      const sent = await api(bob, "POST", `/chats/${one}/messages`, { content: "soon stale" });
      expect(sent.body.created_at).toBe("2026-01-09T10:30:00");
      now += 15 * 60 * 1000 + 1;
      const late = await api(bob, "PUT", `/messages/${sent.body.id}`, { content: "too late" });
      expect([late.status, late.body]).toEqual([
        400,
        { detail: "Message can only be edited within 15 minutes" },
      ]);
    } finally {
      await clocked.close();
    }
  });
});
