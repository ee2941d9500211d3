import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { collect, nextEvent } from "../../../test/socketio-probe.js";
import {
  ask,
  connectAs,
  get,
  settle,
  supportFixtures,
  until,
  zed,
} from "../../../test/support-socketio.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol, dave, mallory } = testUsers;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
let server: ParleyServer;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer({ dialects: ["support-socketio"], fixtures: supportFixtures });
});
afterAll(() => server.close());
afterEach(async () => {
  for (const socket of open.splice(0)) socket.disconnect();
  await until(() => server.connectionCount("support-socketio") === 0);
});

async function as(userId: string, options?: Parameters<typeof connectAs>[2]) {
  const socket = await connectAs(server, userId, options);
  open.push(socket);
  return socket;
}

describe("support-socketio: the seed's JavaScript client", () => {
  it("joins its room, sends a message and the admin receives it in the documented shape", async () => {
    // As the seed: default transports (long-polling, then upgrade), path /socket.io.
    const user = await as(alice, { transports: ["polling", "websocket"] });
    const admin = await as(bob);
    const joined = nextEvent(user, "room_joined");
    user.emit("join_room", { user_id: alice });
    expect(await joined).toEqual({ room: alice, user_id: alice });

    const received = nextEvent(admin, "receive_message");
    const sent = nextEvent(user, "message_sent");
    user.emit("send_message", {
      receiver_id: bob,
      appointment_id: "appointment789",
      service_id: "service123",
      message_text: "Hello, I need help",
    });
    const message = await received;
    expect(message).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      sender_id: alice,
      receiver_id: bob,
      message_text: "Hello, I need help",
      timestamp: expect.stringMatching(ISO),
      appointment_id: "appointment789",
      service_id: "service123",
      is_read: false,
    });
    expect(await sent).toEqual(message);
  });

  it("acknowledges send_message with the stored message and reaches the sender's other sockets", async () => {
    const first = await as(alice);
    const second = await as(alice);
    const admin = await as(bob);
    const echoes = collect(first, "receive_message");
    const onSecond = nextEvent(second, "receive_message");
    const onAdmin = nextEvent(admin, "receive_message");

    const stored = await ask(first, "send_message", { receiver_id: bob, message_text: "ack me" });
    expect(stored).toMatchObject({ sender_id: alice, receiver_id: bob, message_text: "ack me" });
    expect(stored.appointment_id).toBeNull();
    expect(await onSecond).toEqual(stored);
    expect(await onAdmin).toEqual(stored);
    await settle(first);
    expect(echoes).toEqual([]);
  });

  it("shows user messages to every admin, and admin replies to the user and the other admins", async () => {
    const user = await as(carol);
    const bobSocket = await as(bob);
    const zedSocket = await as(zed);

    const toZed = nextEvent(zedSocket, "receive_message");
    await ask(user, "send_message", { receiver_id: bob, message_text: "anyone there?" });
    expect((await toZed).message_text).toBe("anyone there?");

    const toUser = nextEvent(user, "receive_message");
    const toOtherAdmin = nextEvent(zedSocket, "receive_message");
    await ask(bobSocket, "send_message", { receiver_id: carol, message_text: "Bob here" });
    expect(await toUser).toMatchObject({ sender_id: bob, receiver_id: carol });
    expect((await toOtherAdmin).message_text).toBe("Bob here");
  });

  it("lets an admin join and leave a user's room", async () => {
    const admin = await as(bob);
    expect(await ask(admin, "join_room", { user_id: carol })).toEqual({
      room: carol,
      user_id: carol,
    });
    const info = await ask(admin, "get_connection_info");
    expect(info.rooms.sort()).toEqual([bob, carol, "support:admins"].sort());
    expect(info).toMatchObject({ user_id: bob, role: "admin", sid: admin.id });

    // An admin in carol's room sees what another admin types to her.
    const zedSocket = await as(zed);
    const typing = nextEvent(admin, "user_typing");
    zedSocket.emit("typing", { receiver_id: carol, is_typing: true });
    expect(await typing).toEqual({ sender_id: zed, receiver_id: carol, is_typing: true });

    const left = nextEvent(admin, "room_left");
    admin.emit("leave_room", { user_id: carol });
    expect(await left).toEqual({ room: carol, user_id: carol });
    expect((await ask(admin, "get_connection_info")).rooms).not.toContain(carol);
  });

  it("delivers typing indicators to the receiver (and to every admin for a user)", async () => {
    const user = await as(alice);
    const admin = await as(bob);
    const other = await as(zed);
    const atAdmin = nextEvent(admin, "user_typing");
    const atOther = nextEvent(other, "user_typing");
    // The seed's example, verbatim.
    user.emit("typing", { receiver_id: bob, is_typing: true });
    expect(await atAdmin).toEqual({ sender_id: alice, receiver_id: bob, is_typing: true });
    expect(await atOther).toEqual({ sender_id: alice, receiver_id: bob, is_typing: true });

    const atUser = nextEvent(user, "user_typing");
    expect(await ask(admin, "typing", { receiver_id: alice, is_typing: false })).toEqual({
      sender_id: bob,
      receiver_id: alice,
      is_typing: false,
    });
    expect(await atUser).toEqual({ sender_id: bob, receiver_id: alice, is_typing: false });
  });

  it("still shows a user's typing to an admin who joined that user's room, never to the typist", async () => {
    const user = await as(alice);
    const admin = await as(bob);
    await ask(admin, "join_room", { user_id: alice });
    const atAdmin = nextEvent(admin, "user_typing");
    user.emit("typing", { receiver_id: bob, is_typing: true });
    expect(await atAdmin).toEqual({ sender_id: alice, receiver_id: bob, is_typing: true });
    await expect(nextEvent(user, "user_typing", 300)).rejects.toThrow(/no user_typing/);
  });

  it("marks a user's messages read: unread_count drops and both sides hear of it", async () => {
    const user = await as(mallory);
    const admin = await as(bob);
    const other = await as(zed);
    await ask(user, "send_message", { receiver_id: bob, message_text: "one" });
    const last = await ask(user, "send_message", { receiver_id: zed, message_text: "two" });

    const before = await get(server, "/chat/users", bob);
    expect(before.status).toBe(200);
    expect(before.body.find((u: any) => u.user_id === mallory)).toEqual({
      user_id: mallory,
      user_name: "Mallory",
      last_message: "two",
      last_message_time: last.timestamp,
      unread_count: 2,
    });

    const atUser = nextEvent(user, "messages_read");
    const atOther = nextEvent(other, "messages_read");
    const receipt = await ask(admin, "mark_read", { sender_id: mallory });
    expect(receipt).toEqual({
      reader_id: bob,
      sender_id: mallory,
      count: 2,
      read_at: expect.stringMatching(ISO),
    });
    expect(await atUser).toEqual(receipt);
    expect(await atOther).toEqual(receipt);

    const after = await get(server, "/api/chat/users", bob);
    expect(after.body.find((u: any) => u.user_id === mallory).unread_count).toBe(0);
    const history = await get(server, "/chat/history/self", mallory);
    expect(history.body.map((m: any) => m.is_read)).toEqual([true, true]);

    // A user reads an admin's reply the same way; without an ack the answer is an event.
    await ask(admin, "send_message", { receiver_id: mallory, message_text: "read me" });
    const reply = nextEvent(user, "messages_read");
    const atAdmin = nextEvent(admin, "messages_read");
    user.emit("mark_read", { sender_id: bob });
    expect(await reply).toMatchObject({ reader_id: mallory, sender_id: bob, count: 1 });
    expect(await atAdmin).toMatchObject({ reader_id: mallory, count: 1 });
  });

  it("tracks presence by user id across several sockets", async () => {
    const admin = await as(bob);
    const statuses = collect(admin, "user_status");
    const first = await as(alice);
    const second = await as(alice);
    expect((await ask(admin, "get_online_users")).online_users).toEqual(
      expect.arrayContaining([alice, bob]),
    );
    // A user sees the admins who are online, not other users.
    const carolSocket = await as(carol);
    expect(await ask(carolSocket, "get_online_users")).toEqual({ online_users: [bob] });

    first.disconnect();
    await until(() => server.connectionCount("support-socketio") === 3);
    expect((await ask(admin, "get_online_users")).online_users).toContain(alice);
    second.disconnect();
    await until(() => statuses.some((s) => s.user_id === alice && s.status === "offline"));
    expect((await ask(admin, "get_online_users")).online_users).not.toContain(alice);
    expect(statuses.filter((s) => s.user_id === alice)).toEqual([
      { user_id: alice, status: "online" },
      { user_id: alice, status: "offline" },
    ]);

    const seen = nextEvent(carolSocket, "online_users");
    carolSocket.emit("get_online_users");
    expect(await seen).toEqual({ online_users: [bob] });
  });

  it("answers heartbeat and get_connection_info as events when no ack is given", async () => {
    const user = await as(alice);
    const beat = nextEvent(user, "heartbeat_response");
    user.emit("heartbeat");
    expect(await beat).toEqual({ status: "alive", timestamp: expect.stringMatching(ISO) });

    const info = nextEvent(user, "connection_info");
    user.emit("get_connection_info");
    expect(await info).toEqual({
      sid: user.id,
      user_id: alice,
      role: "user",
      rooms: expect.arrayContaining([alice, "support:users"]),
      connected_at: expect.stringMatching(ISO),
      active_connections: 1,
    });
  });

  it("holds an acknowledgement while delivery is paused and releases it on resume", async () => {
    const user = await as(alice);
    server.pauseDelivery();
    let acked: any = null;
    const pending = ask(user, "send_message", { receiver_id: bob, message_text: "paused" }).then(
      (m) => {
        acked = m;
        return m;
      },
    );
    await until(async () => (await get(server, "/chat/history/self", alice)).body.length > 0);
    const history = await get(server, "/chat/history/self", alice);
    expect(history.body.at(-1).message_text).toBe("paused");
    expect(acked).toBeNull();
    server.resumeDelivery();
    expect((await pending)._id).toBe(history.body.at(-1)._id);
  });

  it("drops every connection on demand; the client reconnects with its token", async () => {
    const user = await as(alice, { reconnection: true, reconnectionDelay: 50 });
    const dropped = nextEvent(user, "disconnect");
    server.dropConnections("support-socketio");
    expect(await dropped).toBe("transport close");
    await nextEvent(user, "connect");
    expect((await ask(user, "heartbeat")).status).toBe("alive");
  });
});

describe("support-socketio REST", () => {
  it("reports status and the test payload under /chat and /api/chat", async () => {
    const events = ["connect", "disconnect", "join_room", "leave_room", "send_message", "typing"];
    for (const prefix of ["/chat", "/api/chat"]) {
      const status = await get(server, `${prefix}/status`, alice);
      expect(status.status).toBe(200);
      expect(status.body).toEqual({
        status: "running",
        active_connections: 0,
        socket_io_path: "/socket.io",
        supported_events: [...events, "mark_read", "get_online_users"],
      });
      const test = await get(server, `${prefix}/test`, alice);
      expect(test.body).toEqual({
        message: "WebSocket routes are working",
        socket_io_path: "/socket.io",
        available_endpoints: [
          "/api/chat/status",
          "/api/chat/history/self",
          "/api/chat/users",
          "/websocket/health",
        ],
        websocket_events: [
          ...events,
          "mark_read",
          "get_online_users",
          "heartbeat",
          "get_connection_info",
        ],
      });
    }
    await as(bob);
    const health = await get(server, "/websocket/health", bob);
    expect(health.body).toEqual({
      status: "healthy",
      active_connections: 1,
      socket_io_path: "/socket.io",
    });
  });

  it("serves a user's history in each direction, oldest first, with skip/limit paging", async () => {
    const user = await as(dave);
    const admin = await as(bob);
    const texts = ["d1", "b1", "d2", "b2", "d3"];
    for (const text of texts) {
      const [from, to] = text.startsWith("d") ? [user, bob] : [admin, dave];
      await ask(from, "send_message", { receiver_id: to, message_text: text });
    }
    const path = `/chat/history/user/${dave}`;
    const both = await get(server, path, bob);
    expect(both.status).toBe(200);
    expect(both.body.map((m: any) => m.message_text)).toEqual(texts);
    expect((await get(server, `${path}?direction=both`, bob)).body).toEqual(both.body);
    const inbound = await get(server, `${path}?direction=inbound`, bob);
    expect(inbound.body.map((m: any) => m.message_text)).toEqual(["b1", "b2"]);
    const outbound = await get(server, `/api${path}?direction=outbound`, bob);
    expect(outbound.body.map((m: any) => m.message_text)).toEqual(["d1", "d2", "d3"]);

    const self = await get(server, "/chat/history/self", dave);
    expect(self.body).toEqual(both.body);
    const latest = await get(server, "/chat/history/self?limit=2", dave);
    expect(latest.body.map((m: any) => m.message_text)).toEqual(["b2", "d3"]);
    const older = await get(server, "/chat/history/self?skip=2&limit=2", dave);
    expect(older.body.map((m: any) => m.message_text)).toEqual(["b1", "d2"]);
    const page = await get(server, `${path}?direction=outbound&skip=1&limit=1`, bob);
    expect(page.body.map((m: any) => m.message_text)).toEqual(["d2"]);
  });

  it("lists every non-admin user for the admin chat list, latest conversation first", async () => {
    const user = await as(carol);
    await ask(user, "send_message", { receiver_id: bob, message_text: "latest" });
    const { status, body } = await get(server, "/chat/users", zed);
    expect(status).toBe(200);
    expect(body[0]).toMatchObject({ user_id: carol, last_message: "latest", user_name: "Carol" });
    const ids = body.map((u: any) => u.user_id);
    expect(ids).not.toContain(bob);
    expect(ids).not.toContain(zed);
    for (const row of body) {
      expect(Object.keys(row).sort()).toEqual(
        ["last_message", "last_message_time", "unread_count", "user_id", "user_name"].sort(),
      );
    }
  });
});
