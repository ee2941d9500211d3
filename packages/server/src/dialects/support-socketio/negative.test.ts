import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { collect, connectSocketIo, nextEvent } from "../../../test/socketio-probe.js";
import {
  ask,
  connectAs,
  get,
  settle,
  supportFixtures,
  until,
  zed,
} from "../../../test/support-socketio.js";
import { TokenService } from "../../auth/jwt.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol, mallory, ivan } = testUsers;
let server: ParleyServer;
let url: string;
const open: Socket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    dialects: ["support-socketio"],
    fixtures: supportFixtures,
    limits: { rateBurst: 30, ratePerSecond: 10, rateStrikesBeforeClose: 3, maxFrameBytes: 8192 },
  });
  url = server.url("support-socketio");
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

async function refusal(options: Parameters<typeof connectSocketIo>[1]) {
  const { socket, error } = await connectSocketIo(url, options);
  socket.disconnect();
  return { message: error?.message, code: error?.data?.code };
}

const badTokens: Array<[string, () => Promise<string>, string]> = [
  ["malformed", async () => "not.a.jwt", "Could not validate credentials"],
  ["wrongly signed", () => new TokenService("other").sign(alice), "Could not validate credentials"],
  ["expired", () => server.token(alice, -30), "Token has expired"],
];

describe("support-socketio handshake authentication", () => {
  it("refuses a connection without a token (the seed's example omits it)", async () => {
    expect(await refusal({})).toEqual({
      message: "Authentication error: Not authenticated",
      code: 401,
    });
  });

  it.each(badTokens)(
    "refuses a token that is %s with connect_error 401",
    async (_name, token, message) => {
      expect(await refusal({ auth: { token: await token() } })).toEqual({
        message: `Authentication error: ${message}`,
        code: 401,
      });
    },
  );

  it("refuses an unknown or inactive user with connect_error 403", async () => {
    const stranger = await server.tokens.sign("no-such-user");
    expect(await refusal({ auth: { token: stranger } })).toEqual({
      message: "User not found",
      code: 403,
    });
    expect(await refusal({ auth: { token: await server.token(ivan) } })).toEqual({
      message: "Inactive user",
      code: 403,
    });
  });

  it("accepts the token as an Authorization header or ?token= too", async () => {
    const token = await server.token(alice);
    for (const options of [
      { extraHeaders: { Authorization: `Bearer ${token}` } },
      { query: { token } },
    ]) {
      const { socket, error } = await connectSocketIo(url, options);
      open.push(socket);
      expect(error).toBeUndefined();
      expect((await ask(socket, "get_connection_info")).user_id).toBe(alice);
    }
  });
});

describe("support-socketio REST authentication and authorization", () => {
  const routes = [
    "/chat/status",
    "/chat/history/self",
    "/chat/users",
    `/chat/history/user/${alice}`,
    "/chat/test",
    "/api/chat/status",
    "/api/chat/history/self",
    "/api/chat/users",
    "/api/chat/test",
    "/websocket/health",
  ];

  it("answers 401 Not authenticated without a bearer token, on every route", async () => {
    for (const path of routes) {
      const { status, body, headers } = await get(server, path, null);
      expect([path, status, body]).toEqual([path, 401, { detail: "Not authenticated" }]);
      expect(headers.get("www-authenticate")).toBe("Bearer");
    }
    const basic = await fetch(`${url}/chat/status`, { headers: { authorization: "Basic eDp5" } });
    expect(basic.status).toBe(401);
  });

  it.each(badTokens)("answers 401 for a token that is %s", async (_name, token, detail) => {
    for (const path of routes) {
      const response = await fetch(`${url}${path}`, {
        headers: { authorization: `Bearer ${await token()}` },
      });
      expect([path, response.status, await response.json()]).toEqual([path, 401, { detail }]);
    }
  });

  it("answers 401 for an unknown user and 403 for an inactive one", async () => {
    const stranger = await server.tokens.sign("no-such-user");
    const unknown = await fetch(`${url}/chat/history/self`, {
      headers: { authorization: `Bearer ${stranger}` },
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ detail: "Could not validate credentials" });
    const inactive = await get(server, "/chat/history/self", ivan);
    expect(inactive).toMatchObject({ status: 403, body: { detail: "Inactive user" } });
  });

  it("keeps the admin routes to admins", async () => {
    for (const path of ["/chat/users", "/api/chat/users", `/chat/history/user/${carol}`]) {
      const { status, body } = await get(server, path, alice);
      expect([path, status, body]).toEqual([path, 403, { detail: "Not enough permissions" }]);
    }
  });

  it("answers 404 for an unknown user and the seed's 400 for bad parameters", async () => {
    expect(await get(server, "/chat/history/user/nobody", bob)).toMatchObject({
      status: 404,
      body: { detail: "User not found" },
    });
    const bad = await get(server, `/chat/history/user/${alice}?direction=sideways`, bob);
    // Seed 000: "400 Bad Request: Invalid request parameters"; the body is FastAPI's list.
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      detail: [
        {
          type: "literal_error",
          loc: ["query", "direction"],
          msg: "Input should be 'inbound', 'outbound' or 'both'",
          input: "sideways",
          ctx: { expected: "'inbound', 'outbound' or 'both'" },
        },
      ],
    });
    for (const query of ["skip=-1", "skip=x", "limit=0", "limit=1001", "limit=2.5"]) {
      const { status, body } = await get(server, `/chat/history/self?${query}`, alice);
      expect([query, status]).toEqual([query, 400]);
      expect(body.detail[0].loc[0]).toBe("query");
    }
    expect(await get(server, "/chat/nothing", alice)).toMatchObject({
      status: 404,
      body: { detail: "Not Found" },
    });
  });

  it("shows a user only their own conversation", async () => {
    const user = await as(alice);
    await ask(user, "send_message", { receiver_id: bob, message_text: "private to the desk" });
    const other = await get(server, "/chat/history/self", carol);
    expect(other.body.some((m: any) => m.message_text === "private to the desk")).toBe(false);
  });
});

describe("support-socketio realtime authorization", () => {
  it("lets a user join only their own room; an admin any known user's", async () => {
    const user = await as(alice);
    const failure = nextEvent(user, "error");
    user.emit("join_room", { user_id: bob });
    expect(await failure).toEqual({ detail: "You can only join your own room" });
    expect(await ask(user, "join_room", { user_id: carol })).toEqual({
      detail: "You can only join your own room",
    });
    expect((await ask(user, "get_connection_info")).rooms).not.toContain(carol);
    const admin = await as(bob);
    expect(await ask(admin, "join_room", { user_id: "nobody" })).toEqual({
      detail: "User not found",
    });
  });

  it("lets users message admins only and admins message users only", async () => {
    const user = await as(alice);
    const peer = await as(carol);
    const admin = await as(bob);
    const leaked = collect(peer, "receive_message");
    const typed = collect(peer, "user_typing");
    const send = (socket: Socket, receiver_id: string) =>
      ask(socket, "send_message", { receiver_id, message_text: "hi" });
    expect(await send(user, carol)).toEqual({ detail: "Users can only message admins" });
    expect(await send(user, alice)).toEqual({ detail: "You cannot message yourself" });
    expect(await send(admin, zed)).toEqual({ detail: "Admins can only message users" });
    expect(await send(admin, "nobody")).toEqual({ detail: "Receiver not found" });
    expect(await send(admin, ivan)).toEqual({ detail: "Receiver not found" });
    expect(await ask(user, "typing", { receiver_id: carol, is_typing: true })).toEqual({
      detail: "Users can only message admins",
    });
    await settle(peer);
    expect(leaked).toEqual([]);
    expect(typed).toEqual([]);
    expect(await ask(user, "mark_read", { sender_id: "nobody" })).toEqual({
      detail: "User not found",
    });
  });

  it("does not show one user's messages to another user's socket", async () => {
    const user = await as(alice);
    const peer = await as(carol);
    const seen = collect(peer, "receive_message");
    await ask(user, "send_message", { receiver_id: bob, message_text: "just for admins" });
    await settle(peer);
    expect(seen).toEqual([]);
  });
});

describe("support-socketio bad input", () => {
  it("answers every malformed send_message with a detail, never a crash", async () => {
    const user = await as(mallory);
    const long = "x".repeat(4001);
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /^Invalid send_message payload: payload:/],
      ["hello", /^Invalid send_message payload: payload:/],
      [42, /payload/],
      [null, /payload/],
      [[], /payload/],
      [{ message_text: "hi" }, /receiver_id/],
      [{ receiver_id: 5, message_text: "hi" }, /receiver_id/],
      [{ receiver_id: bob, message_text: 5 }, /message_text/],
      [{ receiver_id: bob, message_text: "hi", appointment_id: 7 }, /appointment_id/],
      [{ receiver_id: bob, message_text: "" }, /^message_text cannot be empty$/],
      [{ receiver_id: bob, message_text: "  \n " }, /^message_text cannot be empty$/],
      [{ receiver_id: bob, message_text: long }, /^message_text is too long \(max 4000/],
    ];
    for (const [payload, detail] of cases) {
      const answer = await ask(user, "send_message", payload);
      expect(Object.keys(answer)).toEqual(["detail"]);
      expect(answer.detail).toMatch(detail);
    }
    const failure = nextEvent(user, "error");
    user.emit("send_message", { receiver_id: bob });
    expect((await failure).detail).toMatch(/message_text/);
    expect((await get(server, "/chat/history/self", mallory)).body).toEqual([]);
  });

  it("answers malformed payloads of the other events", async () => {
    const user = await as(alice);
    const cases: Array<[string, unknown, RegExp]> = [
      ["join_room", {}, /user_id/],
      ["join_room", "me", /payload/],
      ["leave_room", { user_id: 1 }, /user_id/],
      ["typing", { receiver_id: bob, is_typing: "yes" }, /is_typing/],
      ["typing", { is_typing: true }, /receiver_id/],
      ["mark_read", {}, /sender_id/],
      ["mark_read", { sender_id: "" }, /sender_id/],
    ];
    for (const [event, payload, detail] of cases) {
      const answer = await ask(user, event, payload);
      expect([event, answer.detail]).toEqual([event, expect.stringMatching(detail)]);
    }
  });

  it("answers an unknown event, with or without an ack", async () => {
    const user = await as(alice);
    const failure = nextEvent(user, "error");
    user.emit("delete_everything", { all: true });
    expect(await failure).toEqual({ detail: "Unknown event: delete_everything" });
    expect(await ask(user, "edit_message", {})).toEqual({ detail: "Unknown event: edit_message" });
  });

  it("drops a socket that sends an oversize packet", async () => {
    const user = await as(alice);
    const gone = nextEvent(user, "disconnect");
    user.emit("send_message", { receiver_id: bob, message_text: "x".repeat(9000) });
    expect(await gone).toBe("transport close");
  });

  it("throttles a flood, then disconnects the socket", async () => {
    const user = await as(alice);
    const errors = collect(user, "error");
    const gone = nextEvent(user, "disconnect");
    for (let i = 0; i < 60; i++) user.emit("heartbeat");
    expect(await gone).toBe("io server disconnect");
    expect(errors).toContainEqual({ detail: "Too many requests" });
  });

  it("still serves a good client after all the abuse", async () => {
    const user = await as(alice);
    const admin = await as(bob);
    const received = nextEvent(admin, "receive_message");
    const stored = await ask(user, "send_message", {
      receiver_id: bob,
      message_text: "still here",
    });
    expect(await received).toEqual(stored);
    expect((await get(server, "/chat/status", bob)).status).toBe(200);
  });
});
