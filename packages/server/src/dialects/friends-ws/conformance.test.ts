import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { closeAll, connect, rest, socketUrl } from "../../../test/friends-ws.js";
import { WsProbe } from "../../../test/ws-probe.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol } = testUsers;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const account = (id: string, username: string, fullName: string) => ({
  account_id: id,
  username,
  full_name: fullName,
  avatar: null,
});

let server: ParleyServer;
const open: WsProbe[] = [];
/** Connects and remembers the probe so `afterEach` leaves no one online for the next test. */
async function online(userId: string): Promise<WsProbe> {
  const probe = await connect(server, userId);
  open.push(probe);
  return probe;
}

beforeAll(async () => {
  server = await startTestServer({ dialects: ["friends-ws"] });
});
afterEach(async () => {
  await closeAll(server, ...open.splice(0));
});
afterAll(() => server.close());

describe("friends-ws connection", () => {
  it("greets with connection_established then online_friends, like the seed's JS client", async () => {
    const token = await server.token(alice);
    // The seed's JavaScript example, ported: new WebSocket(`ws://.../api/v1/chat/ws/chat?token=${token}`).
    const ws = new WebSocket(socketUrl(server, token));
    const seen: any[] = [];
    ws.onmessage = (event) => seen.push(JSON.parse(String(event.data)));
    await new Promise<void>((resolve) => {
      ws.onopen = () => resolve();
    });
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([
      { type: "connection_established", user_id: alice, message: "Connected to chat server" },
      { type: "online_friends", friends: [] },
    ]);
    ws.close();
    await new Promise((r) => ws.once("close", r));
  });

  it("accepts the token in an Authorization header too", async () => {
    const probe = await WsProbe.open(
      `${server.url("friends-ws").replace("http", "ws")}/api/v1/chat/ws/chat`,
      {
        Authorization: `Bearer ${await server.token(bob)}`,
      },
    );
    open.push(probe);
    expect(await probe.next((f) => f.type === "connection_established")).toMatchObject({
      user_id: bob,
    });
  });
});

describe("friends-ws presence", () => {
  it("lists online accepted friends and announces them coming and going (Extension)", async () => {
    const a = await online(alice);
    const b = await online(bob);
    expect(b.frames[1]).toEqual({ type: "online_friends", friends: [alice] });
    expect(await a.next((f) => f.type === "friend_online")).toEqual({
      type: "friend_online",
      user_id: bob,
    });

    // carol is alice's friend but only bob's pending friend: bob hears nothing of her.
    const c = await online(carol);
    expect(c.frames[1]).toEqual({ type: "online_friends", friends: [alice] });
    expect(await a.next((f) => f.type === "friend_online")).toEqual({
      type: "friend_online",
      user_id: carol,
    });
    expect(await b.none((f) => f.type === "friend_online", 150)).toBe(true);

    const list = await rest(server, "GET", "/friends/online", { as: alice });
    expect(list.status).toBe(200);
    expect(list.body.online_friends.sort()).toEqual([bob, carol].sort());
    expect((await rest(server, "GET", "/friends/online", { as: bob })).body).toEqual({
      online_friends: [alice],
    });

    // A second socket of bob's is not a new arrival; closing one of two is not a departure.
    const b2 = await online(bob);
    b2.close();
    await b2.closed;
    b.close();
    expect(await a.next((f) => f.type === "friend_offline")).toEqual({
      type: "friend_offline",
      user_id: bob,
    });
    expect(
      a.frames.filter((f: any) => f.type === "friend_online" && f.user_id === bob),
    ).toHaveLength(1);
    expect(a.frames.filter((f: any) => f.type === "friend_offline")).toHaveLength(1);
  });
});

describe("friends-ws messaging", () => {
  it("delivers send_message to an online friend and confirms with message_sent", async () => {
    const a = await online(alice);
    const b = await online(bob);
    a.send({ type: "send_message", receiver_id: bob, content: "Hello Bob" });
    const received = await b.next((f) => f.type === "new_message");
    const sent = await a.next((f) => f.type === "message_sent");
    expect(received).toEqual({
      type: "new_message",
      message: {
        message_id: expect.stringMatching(UUID),
        sender_id: alice,
        receiver_id: bob,
        content: "Hello Bob",
        status: "delivered",
        created_at: expect.stringMatching(ISO),
        sender: account(alice, "alice", "Alice"),
      },
    });
    expect(sent).toEqual({
      type: "message_sent",
      message_id: received.message.message_id,
      status: "delivered",
    });

    b.send({ type: "send_message", receiver_id: alice, content: "Hi Alice" });
    const reply = await a.next((f) => f.type === "new_message");
    expect(reply.message).toMatchObject({
      sender_id: bob,
      content: "Hi Alice",
      sender: { username: "bob" },
    });
  });

  it("works like the seed's Python client: send first, then read every response", async () => {
    const ws = new WebSocket(socketUrl(server, await server.token(alice)));
    const received: any[] = [];
    ws.on("message", (data) => received.push(JSON.parse(data.toString())));
    await new Promise((r) => ws.once("open", r));
    ws.send(
      JSON.stringify({ type: "send_message", receiver_id: carol, content: "Hello from Python!" }),
    );
    while (received.length < 3) await new Promise((r) => setTimeout(r, 5));
    expect(received.map((f) => f.type)).toEqual([
      "connection_established",
      "online_friends",
      "message_sent",
    ]);
    // carol is offline, so the message stays `sent` until she fetches it.
    expect(received[2]).toEqual({
      type: "message_sent",
      message_id: expect.stringMatching(UUID),
      status: "sent",
    });
    ws.close();
    await new Promise((r) => ws.once("close", r));
  });

  it("relays typing indicators and clears them when the typist leaves", async () => {
    const a = await online(alice);
    const b = await online(bob);
    a.send({ type: "typing", receiver_id: bob, is_typing: true });
    expect(await b.next((f) => f.type === "typing_indicator")).toEqual({
      type: "typing_indicator",
      user_id: alice,
      is_typing: true,
    });
    a.send({ type: "typing", receiver_id: bob, is_typing: false });
    expect((await b.next((f) => f.type === "typing_indicator")).is_typing).toBe(false);
    a.send({ type: "typing", receiver_id: bob, is_typing: true });
    expect((await b.next((f) => f.type === "typing_indicator")).is_typing).toBe(true);
    a.close();
    expect(await b.next((f) => f.type === "typing_indicator")).toEqual({
      type: "typing_indicator",
      user_id: alice,
      is_typing: false,
    });
    expect(await b.next((f) => f.type === "friend_offline")).toEqual({
      type: "friend_offline",
      user_id: alice,
    });
  });

  it("sends read receipts for mark_read to both sides", async () => {
    const a = await online(alice);
    const b = await online(bob);
    a.send({ type: "send_message", receiver_id: bob, content: "read me" });
    const { message } = await b.next((f) => f.type === "new_message");
    const unreadBefore = (await rest(server, "GET", "/messages/unread-count", { as: bob })).body
      .unread_count;

    b.send({ type: "mark_read", message_id: message.message_id });
    const receipt = { type: "message_read", message_id: message.message_id, read_by: bob };
    expect(await a.next((f) => f.type === "message_read")).toEqual(receipt);
    expect(await b.next((f) => f.type === "message_read")).toEqual(receipt);
    expect((await rest(server, "GET", "/messages/unread-count", { as: bob })).body).toEqual({
      unread_count: unreadBefore - 1,
    });

    // A repeat only acknowledges the asker.
    b.send({ type: "mark_read", message_id: message.message_id });
    expect(await b.next((f) => f.type === "message_read")).toEqual(receipt);
    await new Promise((r) => setTimeout(r, 150));
    expect(a.frames.filter((f: any) => f.type === "message_read")).toHaveLength(1);
  });

  it("walks sent -> delivered -> read for an offline receiver and tells the sender each step", async () => {
    const a = await online(alice);
    a.send({ type: "send_message", receiver_id: bob, content: "while you were out" });
    const sent = await a.next((f) => f.type === "message_sent");
    expect(sent.status).toBe("sent");
    expect(
      (await rest(server, "GET", "/messages/unread-count", { as: bob })).body.unread_count,
    ).toBeGreaterThan(0);

    const history = await rest(server, "GET", `/messages/history/${alice}?limit=1`, { as: bob });
    expect(history.body.messages[0]).toMatchObject({
      message_id: sent.message_id,
      status: "delivered",
    });
    expect(await a.next((f) => f.type === "message_delivered")).toEqual({
      type: "message_delivered",
      message_id: sent.message_id,
      delivered_to: bob,
    });

    const read = await rest(server, "PUT", `/messages/${sent.message_id}/read`, { as: bob });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      message_id: sent.message_id,
      status: "read",
      read_at: expect.stringMatching(ISO),
      sender: account(alice, "alice", "Alice"),
      receiver: account(bob, "bob", "Bob"),
    });
    expect(await a.next((f) => f.type === "message_read")).toEqual({
      type: "message_read",
      message_id: sent.message_id,
      read_by: bob,
    });
  });
});

describe("friends-ws REST", () => {
  it("POST /messages/ answers the full message and pushes new_message to the receiver", async () => {
    const b = await online(bob);
    const res = await rest(server, "POST", "/messages/", {
      as: alice,
      body: { receiver_id: bob, content: "over REST" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      message_id: expect.stringMatching(UUID),
      sender_id: alice,
      receiver_id: bob,
      content: "over REST",
      status: "delivered",
      is_deleted: false,
      created_at: expect.stringMatching(ISO),
      updated_at: res.body.created_at,
      read_at: null,
      sender: account(alice, "alice", "Alice"),
      receiver: account(bob, "bob", "Bob"),
    });
    const pushed = await b.next((f) => f.type === "new_message");
    expect(pushed.message).toMatchObject({ message_id: res.body.message_id, content: "over REST" });

    const offline = await rest(server, "POST", "/messages", {
      as: alice,
      body: { receiver_id: carol, content: "later" },
    });
    expect(offline.body.status).toBe("sent");
  });

  it("pages history newest first with skip and limit", async () => {
    const before = (await rest(server, "GET", `/messages/history/${carol}`, { as: alice })).body
      .total;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const from = i % 2 === 0 ? alice : carol;
      const to = from === alice ? carol : alice;
      const res = await rest(server, "POST", "/messages/", {
        as: from,
        body: { receiver_id: to, content: `m${i}` },
      });
      ids.push(res.body.message_id);
    }
    const first = await rest(server, "GET", `/messages/history/${carol}`, { as: alice });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: before + 7, skip: 0, limit: 50 });
    expect(first.body.messages.slice(0, 7).map((m: any) => m.content)).toEqual([
      "m6",
      "m5",
      "m4",
      "m3",
      "m2",
      "m1",
      "m0",
    ]);

    const page = await rest(server, "GET", `/messages/history/${carol}?skip=2&limit=3`, {
      as: alice,
    });
    expect(page.body).toMatchObject({ total: before + 7, skip: 2, limit: 3 });
    expect(page.body.messages.map((m: any) => m.message_id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(page.body.messages[0]).toMatchObject({
      is_deleted: false,
      sender: { account_id: alice },
      receiver: { account_id: carol },
    });

    // The friend sees the same conversation.
    const other = await rest(server, "GET", `/messages/history/${alice}?limit=100`, { as: carol });
    expect(other.body.total).toBe(before + 7);
    expect(other.body.messages[0].message_id).toBe(ids[6]);
  });

  it("soft-deletes a message (sender only), hides it and tells both sides live", async () => {
    const a = await online(alice);
    const b = await online(bob);
    const sent = await rest(server, "POST", "/messages/", {
      as: alice,
      body: { receiver_id: bob, content: "oops" },
    });
    const id = sent.body.message_id;
    const total = (await rest(server, "GET", `/messages/history/${bob}`, { as: alice })).body.total;
    const unread = (await rest(server, "GET", "/messages/unread-count", { as: bob })).body
      .unread_count;

    const res = await rest(server, "DELETE", `/messages/${id}`, { as: alice });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: "Message deleted successfully" });
    const frame = { type: "message_deleted", message_id: id, deleted_by: alice };
    expect(await b.next((f) => f.type === "message_deleted")).toEqual(frame);
    expect(await a.next((f) => f.type === "message_deleted")).toEqual(frame);

    const history = await rest(server, "GET", `/messages/history/${bob}`, { as: alice });
    expect(history.body.total).toBe(total - 1);
    expect(history.body.messages.map((m: any) => m.message_id)).not.toContain(id);
    expect(
      (await rest(server, "GET", "/messages/unread-count", { as: bob })).body.unread_count,
    ).toBe(unread - 1);
  });

  it("counts unread messages for the receiver", async () => {
    const before = (await rest(server, "GET", "/messages/unread-count", { as: carol })).body
      .unread_count;
    const sent = await rest(server, "POST", "/messages/", {
      as: alice,
      body: { receiver_id: carol, content: "count me" },
    });
    const after = await rest(server, "GET", "/messages/unread-count", { as: carol });
    expect(after).toMatchObject({ status: 200, body: { unread_count: before + 1 } });
    await rest(server, "PUT", `/messages/${sent.body.message_id}/read`, { as: carol });
    expect(
      (await rest(server, "GET", "/messages/unread-count", { as: carol })).body.unread_count,
    ).toBe(before);
  });
});

describe("friends-ws fault controls", () => {
  it("holds live frames while delivery is paused; the message is already stored", async () => {
    const a = await online(alice);
    const b = await online(bob);
    server.pauseDelivery();
    try {
      a.send({ type: "send_message", receiver_id: bob, content: "held" });
      let stored: any;
      while (!stored) {
        const history = await rest(server, "GET", `/messages/history/${alice}?limit=1`, {
          as: bob,
        });
        if (history.body.messages[0]?.content === "held") stored = history.body.messages[0];
      }
      expect(a.frames.some((f: any) => f.type === "message_sent")).toBe(false);
      expect(b.frames.some((f: any) => f.type === "new_message")).toBe(false);
    } finally {
      server.resumeDelivery();
    }
    const sent = await a.next((f) => f.type === "message_sent");
    expect((await b.next((f) => f.type === "new_message")).message.message_id).toBe(
      sent.message_id,
    );
  });

  it("drops every socket abruptly and lets clients reconnect", async () => {
    const a = await online(alice);
    server.dropConnections("friends-ws");
    expect((await a.closed).code).toBe(1006);
    const again = await online(alice);
    expect(again.frames[0]).toMatchObject({ type: "connection_established", user_id: alice });
  });
});
