import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { collect, connectSocketIo, nextEvent } from "../../../test/socketio-probe.js";
import {
  connectAs,
  fieldSettle,
  get,
  supportFixtures,
  until,
} from "../../../test/support-socketio.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

/**
 * The field profile: support-socketio as the deployed backend behaves (smartgov_backend,
 * `backend/routes/chat_web_socket.py` and `backend/services/chat_web_socket.py`), with
 * authentication still required. One test per difference listed in the docs' "Field profile".
 */
const { alice, bob, carol } = testUsers;
const OBJECT_ID = /^[0-9a-f]{24}$/;
let server: ParleyServer;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    dialects: ["support-socketio"],
    fixtures: supportFixtures,
    profile: "field",
  });
});
afterAll(() => server.close());
afterEach(async () => {
  for (const socket of open.splice(0)) socket.disconnect();
  await until(() => server.connectionCount("support-socketio") === 0);
});

async function as(userId: string) {
  const socket = await connectAs(server, userId);
  open.push(socket);
  return socket;
}

/** Joins `room` and waits until the server has handled it (the empty ack). */
async function join(socket: Socket, room: string, userType: "user" | "admin") {
  await socket.timeout(3000).emitWithAck("join_room", { room, user_type: userType });
}

describe("support-socketio field profile: REST", () => {
  it("serves the routes under /api/chat only; /chat answers 404", async () => {
    expect(server.profile).toBe("field");
    const status = await get(server, "/api/chat/status", alice);
    expect(status).toMatchObject({ status: 200, body: { status: "running" } });
    for (const path of ["/chat/status", "/chat/users", "/chat/history/self", "/chat/test"]) {
      const { status: code, body } = await get(server, path, bob);
      expect([path, code, body]).toEqual([path, 404, { detail: "Not Found" }]);
    }
    expect((await get(server, "/api/chat/users", bob)).status).toBe(200);
  });

  it("still requires a token on every route, and refuses a user the admin routes as admin_auth does", async () => {
    expect((await get(server, "/api/chat/status", null)).status).toBe(401);
    expect(await get(server, "/api/chat/users", alice)).toMatchObject({
      status: 403,
      body: { detail: "Access denied. Admin role required." },
    });
  });

  it("answers FastAPI's 422 for a bad parameter", async () => {
    const bad = await get(server, `/api/chat/history/user/${alice}?direction=sideways`, bob);
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ["query", "direction"] });
    expect((await get(server, "/api/chat/history/self?limit=0", alice)).status).toBe(422);
  });
});

describe("support-socketio field profile: the handshake", () => {
  it("greets every socket with connection_confirmed", async () => {
    const token = await server.token(alice);
    const socket = io(server.url("support-socketio"), {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      query: { token },
    });
    open.push(socket);
    const greeting = nextEvent(socket, "connection_confirmed");
    expect(await greeting).toEqual({
      sid: socket.id,
      status: "connected",
      timestamp: expect.stringMatching(OBJECT_ID),
    });
  });

  it("never answers a handshake that carries an auth payload; ?token= works", async () => {
    const token = await server.token(alice);
    const url = server.url("support-socketio");
    const withAuth = io(url, { transports: ["websocket"], forceNew: true, auth: { token } });
    open.push(withAuth);
    const answered = Promise.race([
      nextEvent(withAuth, "connect", 500),
      nextEvent(withAuth, "connect_error", 500),
    ]);
    // The transport is open, the namespace's CONNECT is never answered.
    await expect(answered).rejects.toThrow(/no connect/);
    expect(withAuth.io.engine?.readyState).toBe("open");
    expect(server.connectionCount("support-socketio")).toBe(0);
    // Authentication stays required: no token is refused at once.
    const anonymous = await connectSocketIo(url, {});
    open.push(anonymous.socket);
    expect(anonymous.error?.data?.code).toBe(401);
    const withQuery = await connectSocketIo(url, { query: { token } });
    open.push(withQuery.socket);
    expect(withQuery.error).toBeUndefined();
  });
});

describe("support-socketio field profile: events", () => {
  it("reads room, sender_id and content; relays to the room without echo; acks with nothing", async () => {
    const user = await as(alice);
    const admin = await as(bob);
    await join(user, alice, "user");
    await join(admin, alice, "admin");
    const echoes = collect(user, "receive_message");
    const received = nextEvent(admin, "receive_message");
    const timestamp = "2026-01-02T03:04:05.678Z";
    const ack = await user.timeout(3000).emitWithAck("send_message", {
      room: alice,
      sender_id: alice,
      receiver_id: bob,
      content: "hello from the field",
      timestamp,
      // The documented field is not read here.
      message_text: "ignored",
    });
    expect(ack).toBeUndefined();
    const message = await received;
    expect(message).toEqual({
      _id: expect.stringMatching(OBJECT_ID),
      sender_id: alice,
      receiver_id: bob,
      content: "hello from the field",
      timestamp,
      message_type: "text",
    });
    await fieldSettle(user);
    expect(echoes).toEqual([]);
    // Stored, with the client's timestamp, under /api/chat.
    const history = await get(server, "/api/chat/history/self", alice);
    expect(history.body).toEqual([message]);
  });

  it("ignores the documented send_message fields: nothing is stored or relayed", async () => {
    const user = await as(alice);
    const admin = await as(bob);
    await join(user, alice, "user");
    await join(admin, alice, "admin");
    const relayed = collect(admin, "receive_message");
    const errors = nextEvent(user, "message_error");
    user.emit("send_message", { receiver_id: bob, message_text: "seed-style" });
    expect(await errors).toMatchObject({ error: "Failed to send message" });
    await fieldSettle(admin);
    expect(relayed).toEqual([]);
    const history = await get(server, "/api/chat/history/self", alice);
    expect(history.body.map((m: { content: string }) => m.content)).not.toContain("seed-style");
  });

  it("holds sender_id and rooms to the token's user (the deployed code does not)", async () => {
    const user = await as(carol);
    const errors = collect(user, "message_error");
    user.emit("send_message", { room: carol, sender_id: alice, receiver_id: bob, content: "x" });
    user.emit("join_room", { room: alice });
    await fieldSettle(user);
    expect(errors.map((e) => e.details)).toEqual([
      "sender_id must be the authenticated user",
      "You can only join your own room",
    ]);
  });

  it("relays typing to the room as user_typing, never to the typist", async () => {
    const user = await as(alice);
    const admin = await as(bob);
    await join(user, alice, "user");
    await join(admin, alice, "admin");
    const own = collect(user, "user_typing");
    const typing = nextEvent(admin, "user_typing");
    user.emit("typing", { room: alice, user_id: alice, is_typing: true });
    expect(await typing).toEqual({ user_id: alice, is_typing: true, room: alice });
    await fieldSettle(user);
    expect(own).toEqual([]);
  });

  it("answers heartbeat with heartbeat_ack; a heartbeat without a payload is never answered", async () => {
    const user = await as(alice);
    const ack = nextEvent(user, "heartbeat_ack");
    user.emit("heartbeat", {});
    expect(await ack).toEqual({ timestamp: expect.stringMatching(OBJECT_ID) });
    const responses = collect(user, "heartbeat_response");
    const acks = collect(user, "heartbeat_ack");
    await expect(user.timeout(400).emitWithAck("heartbeat")).rejects.toThrow(/timed out/);
    expect([responses, acks]).toEqual([[], []]);
  });

  it("sends a user's message preview to the admin dashboard room", async () => {
    const user = await as(alice);
    const admin = await as(bob);
    await join(user, alice, "user");
    await join(admin, "admin_dashboard", "admin");
    const preview = nextEvent(admin, "new_user_message");
    user.emit("send_message", {
      room: alice,
      sender_id: alice,
      receiver_id: "admin",
      content: "hi",
    });
    expect(await preview).toMatchObject({ user_id: alice, room: alice, preview: "hi" });
  });

  it("marks the reader's received messages read and tells the room", async () => {
    const user = await as(alice);
    const admin = await as(bob);
    await join(user, alice, "user");
    await join(admin, alice, "admin");
    const got = nextEvent(user, "receive_message");
    admin.emit("send_message", {
      room: alice,
      sender_id: bob,
      receiver_id: alice,
      content: "read me",
    });
    await got;
    const read = nextEvent(admin, "messages_read");
    user.emit("mark_read", { room: alice, user_id: alice, timestamp: "2026-01-02T00:00:00Z" });
    expect(await read).toEqual({
      room: alice,
      reader_id: alice,
      timestamp: "2026-01-02T00:00:00Z",
    });
    const history = await get(server, "/api/chat/history/self", alice);
    expect(history.body.at(-1)).toMatchObject({ content: "read me", read: true });
  });

  it("tells the room of joins, leaves and disconnects; lists sockets, not users; has no role", async () => {
    const admin = await as(bob);
    await join(admin, alice, "admin");
    const user = await as(alice);
    const joined = nextEvent(admin, "user_joined");
    await join(user, alice, "user");
    expect(await joined).toEqual({
      user_type: "user",
      room: alice,
      timestamp: expect.stringMatching(OBJECT_ID),
    });

    const list = nextEvent(user, "online_users_list");
    user.emit("get_online_users", { room: alice });
    const online = await list;
    expect(online).toMatchObject({ room: alice, count: 2 });
    expect(online.users.map((u: { socket_id: string }) => u.socket_id).sort()).toEqual(
      [admin.id, user.id].sort(),
    );
    expect(online.users.map((u: { user_type: string }) => u.user_type).sort()).toEqual([
      "admin",
      "user",
    ]);

    const info = nextEvent(user, "connection_info");
    user.emit("get_connection_info", {});
    const connection = await info;
    expect(connection).toMatchObject({ rooms: [alice], user_type: "user" });
    expect(connection).not.toHaveProperty("role");
    expect(connection).not.toHaveProperty("user_id");

    const left = nextEvent(admin, "user_left");
    const ownLeft = collect(user, "user_left");
    user.emit("leave_room", { room: alice });
    expect(await left).toMatchObject({ room: alice });
    await fieldSettle(user);
    expect(ownLeft).toEqual([]);

    await join(user, alice, "user");
    const gone = nextEvent(admin, "user_disconnected");
    const sid = user.id;
    user.disconnect();
    expect(await gone).toMatchObject({ sid, room: alice });
  });

  it("sends no user_status and puts no socket in a room it did not join", async () => {
    const admin = await as(bob);
    const statuses = collect(admin, "user_status");
    const messages = collect(admin, "receive_message");
    const user = await as(alice);
    await join(user, alice, "user");
    await user.timeout(3000).emitWithAck("send_message", {
      room: alice,
      sender_id: alice,
      receiver_id: bob,
      content: "to a room bob never joined",
    });
    await fieldSettle(admin);
    expect([statuses, messages]).toEqual([[], []]);
  });

  it("ignores an unknown event, unanswered", async () => {
    const user = await as(alice);
    const errors = collect(user, "error");
    await expect(user.timeout(400).emitWithAck("delete_everything", {})).rejects.toThrow(
      /timed out/,
    );
    expect(errors).toEqual([]);
  });
});
