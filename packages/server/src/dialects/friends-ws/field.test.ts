import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  closeAll,
  connect,
  rest,
  socketUrl,
  upgradeStatus,
  upstreamToken,
} from "../../../test/friends-ws.js";
import { WsProbe } from "../../../test/ws-probe.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";
import { pythonIsoTime } from "./profile.js";

/** The field profile: friends-ws as the deployed backend behind seed 001 behaves. */

const { alice, bob, carol, mallory, ivan } = testUsers;
let server: ParleyServer;
const open: WsProbe[] = [];

async function online(userId: string): Promise<WsProbe> {
  const probe = await connect(server, userId);
  open.push(probe);
  return probe;
}

const FAILED = { type: "error", message: "Failed to send message" };
const PY_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;

/**
 * Sends `frame`, then a send to a friend as a marker, and answers every frame that came before
 * the marker's `message_sent`: the server handles one socket's frames in order, so whatever
 * `frame` earned is in there, and nothing in there means it earned nothing.
 */
async function answersTo(probe: WsProbe, frame: unknown, friend: string): Promise<unknown[]> {
  const before = probe.frames.length;
  probe.send(frame);
  probe.send({ type: "send_message", receiver_id: friend, content: "marker" });
  const marker = await probe.next((f) => f.type === "message_sent" || f.type === "error");
  const frames = probe.frames.slice(before);
  return frames.slice(0, frames.indexOf(marker));
}

beforeAll(async () => {
  server = await startTestServer({ dialects: ["friends-ws"], profile: "field" });
});
afterEach(async () => {
  await closeAll(server, ...open.splice(0));
});
afterAll(async () => {
  await server.close();
});

describe("friends-ws field profile: the socket", () => {
  it("refuses a send with an error frame without code, and the next send goes through", async () => {
    const a = await online(alice);
    for (const frame of [
      { type: "send_message", receiver_id: mallory, content: "not a friend" },
      { type: "send_message", receiver_id: "0a000000-0000-4000-8000-000000000000", content: "x" },
      { type: "send_message", receiver_id: "not-a-uuid", content: "x" },
      { type: "send_message", receiver_id: bob, content: "x".repeat(1001) },
      { type: "send_message", receiver_id: bob, content: 42 },
    ]) {
      a.send(frame);
      expect(await a.next((f) => f.type === "error" || f.type === "message_sent")).toEqual(FAILED);
    }
    a.send({ type: "send_message", receiver_id: bob, content: `  ${"y".repeat(1000)}  ` });
    const sent = await a.next((f) => f.type !== "error");
    expect(sent).toEqual({ type: "message_sent", message_id: expect.any(String), status: "sent" });
    const history = await rest(server, "GET", `/messages/history/${bob}`, { as: alice });
    // Stored stripped; nothing of the refused sends.
    expect(history.body.messages.map((m: any) => m.content)).toEqual(["y".repeat(1000)]);
  });

  it("answers nothing to a blank text, an unknown type, or a refused mark_read or typing", async () => {
    const a = await online(alice);
    const { message_id: theirs } = (
      await rest(server, "POST", "/messages/", {
        as: bob,
        body: { receiver_id: alice, content: "bob's" },
      })
    ).body;
    for (const frame of [
      { type: "send_message", receiver_id: bob, content: "   " },
      { type: "send_message", receiver_id: bob },
      { type: "no_such_type" },
      { no: "type" },
      { type: "mark_read", message_id: "0a000000-0000-4000-8000-000000000000" },
      { type: "mark_read", message_id: 7 },
      { type: "typing", receiver_id: mallory, is_typing: true },
    ])
      expect(await answersTo(a, frame, bob)).toEqual([]);
    // Bob (the sender) cannot mark his own message read: silence too.
    const b = await online(bob);
    expect(await answersTo(b, { type: "mark_read", message_id: theirs }, alice)).toEqual([]);
    const total = await rest(server, "GET", `/messages/history/${bob}`, { as: alice });
    const contents: string[] = total.body.messages.map((m: any) => m.content);
    expect(contents.filter((c) => c === "marker")).toHaveLength(8);
    expect(contents.filter((c) => c.trim() === "")).toEqual([]);
  });

  it("answers bad JSON and non-objects without a code", async () => {
    const a = await online(alice);
    a.send("{not json");
    expect(await a.next((f) => f.type === "error")).toEqual({
      type: "error",
      message: "Invalid JSON format",
    });
    a.send("[1, 2]");
    expect(await a.next((f) => f.type === "error")).toEqual({
      type: "error",
      message: "Internal server error",
    });
  });

  it("refuses a bad token with HTTP 403 at the upgrade", async () => {
    const url = (token: string) => socketUrl(server, token);
    expect(await upgradeStatus(url("garbage"))).toBe(403);
    expect(await upgradeStatus(url(await server.token(alice, -10)))).toBe(403);
    expect(await upgradeStatus(url(await server.token(ivan)))).toBe(403);
    expect(await upgradeStatus(url(""))).toBe(403);
    // Only ?token= counts on the socket.
    const bare = `${server.url("friends-ws").replace(/^http/, "ws")}/api/v1/chat/ws/chat`;
    const header = { Authorization: `Bearer ${await server.token(alice)}` };
    expect(await upgradeStatus(bare, header)).toBe(403);
    expect(await upgradeStatus(url(await server.token(alice)))).toBe("open");
  });

  it("sends no presence change frames; online_friends only at connect", async () => {
    const a = await online(alice);
    const b = await online(bob);
    expect(b.frames[1]).toEqual({ type: "online_friends", friends: [alice] });
    b.close();
    await b.closed;
    // bob came and went: alice heard of neither (her marker's answer comes after both).
    expect(
      await answersTo(a, { type: "typing", receiver_id: bob, is_typing: true }, carol),
    ).toEqual([]);
    expect(a.frames.filter((f: any) => String(f.type).startsWith("friend_"))).toEqual([]);
  });

  it("keeps the typing indicator of a typist who leaves", async () => {
    const a = await online(alice);
    const b = await online(bob);
    a.send({ type: "typing", receiver_id: bob, is_typing: true });
    expect(await b.next((f) => f.type === "typing_indicator")).toEqual({
      type: "typing_indicator",
      user_id: alice,
      is_typing: true,
    });
    a.close();
    await a.closed;
    const frames = await answersTo(b, { type: "no_such_type" }, alice);
    expect(frames).toEqual([]);
    expect(b.frames.filter((f: any) => f.type === "typing_indicator")).toHaveLength(1);
  });

  it("says `sent` in message_sent even when the receiver was online, and tells no delivery", async () => {
    const a = await online(alice);
    const b = await online(bob);
    a.send({ type: "send_message", receiver_id: bob, content: "to online bob" });
    const sent = await a.next((f) => f.type === "message_sent");
    expect(sent.status).toBe("sent");
    const received = await b.next((f) => f.type === "new_message");
    expect(received.message.status).toBe("delivered");
    expect(received.message.created_at).toMatch(PY_TIME);
    // carol offline: her history read marks it read, silently.
    a.send({ type: "send_message", receiver_id: carol, content: "to offline carol" });
    const later = await a.next((f) => f.type === "message_sent");
    const page = await rest(server, "GET", `/messages/history/${alice}`, { as: carol });
    expect(page.body.messages[0]).toMatchObject({
      message_id: later.message_id,
      status: "read",
      read_at: expect.stringMatching(PY_TIME),
    });
    expect((await rest(server, "GET", "/messages/unread-count", { as: carol })).body).toEqual({
      unread_count: 0,
    });
    const frames = await answersTo(a, { type: "no_such_type" }, bob);
    expect(frames).toEqual([]);
    expect(
      a.frames.filter((f: any) => f.type === "message_delivered" || f.type === "message_read"),
    ).toEqual([]);
  });

  it("tells only the sender of a socket mark_read, each time it is repeated", async () => {
    const a = await online(alice);
    const b = await online(bob);
    a.send({ type: "send_message", receiver_id: bob, content: "read me" });
    const { message_id: id } = await a.next((f) => f.type === "message_sent");
    await b.next((f) => f.type === "new_message");
    const read = { type: "message_read", message_id: id, read_by: bob };
    b.send({ type: "mark_read", message_id: id });
    expect(await a.next((f) => f.type === "message_read")).toEqual(read);
    b.send({ type: "mark_read", message_id: id });
    expect(await a.next((f) => f.type === "message_read")).toEqual(read);
    // The reader gets no acknowledgement.
    expect(b.frames.filter((f: any) => f.type === "message_read")).toEqual([]);
  });
});

describe("friends-ws field profile: REST", () => {
  it("marks read over REST with a 200 that tells nobody", async () => {
    const a = await online(alice);
    const b = await online(bob);
    a.send({ type: "send_message", receiver_id: bob, content: "read over REST" });
    const { message_id: id } = await a.next((f) => f.type === "message_sent");
    const put = await rest(server, "PUT", `/messages/${id}/read`, { as: bob });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ message_id: id, status: "read" });
    expect(await answersTo(a, { type: "no_such_type" }, bob)).toEqual([]);
    expect(a.frames.filter((f: any) => f.type === "message_read")).toEqual([]);
    expect(b.frames.filter((f: any) => f.type === "message_read")).toEqual([]);
    // Not the receiver: 404, as for an unknown message.
    expect(await rest(server, "PUT", `/messages/${id}/read`, { as: alice })).toMatchObject({
      status: 404,
      body: { detail: "Message not found" },
    });
  });

  it("deletes with 204 and no body, tells nobody, and deletes again", async () => {
    const a = await online(alice);
    const b = await online(bob);
    a.send({ type: "send_message", receiver_id: bob, content: "soon gone" });
    const { message_id: id } = await a.next((f) => f.type === "message_sent");
    expect(await rest(server, "DELETE", `/messages/${id}`, { as: bob })).toMatchObject({
      status: 404,
      body: { detail: "Message not found or you don't have permission to delete it" },
    });
    const deleted = await rest(server, "DELETE", `/messages/${id}`, { as: alice });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await rest(server, "DELETE", `/messages/${id}`, { as: alice })).status).toBe(204);
    expect(await answersTo(b, { type: "no_such_type" }, alice)).toEqual([]);
    for (const probe of [a, b])
      expect(probe.frames.filter((f: any) => f.type === "message_deleted")).toEqual([]);
    const history = await rest(server, "GET", `/messages/history/${bob}`, { as: alice });
    expect(history.body.messages.map((m: any) => m.message_id)).not.toContain(id);
  });

  it("answers a send with 201, upstream's refusal texts, and a 1000-character limit", async () => {
    const send = (content: string, to: string = bob) =>
      rest(server, "POST", "/messages/", { as: alice, body: { receiver_id: to, content } });
    const created = await send("   ");
    expect(created.status).toBe(201); // not stripped over REST: a blank text passes
    expect(created.body.created_at).toMatch(PY_TIME);
    expect(await send("hi", mallory)).toMatchObject({
      status: 403,
      body: { detail: "You can only send messages to your friends" },
    });
    expect(await send("hi", "0a000000-0000-4000-8000-000000000000")).toMatchObject({
      status: 404,
      body: { detail: "Receiver not found" },
    });
    const long = await send("x".repeat(1001));
    expect(long.status).toBe(422);
    expect(long.body.detail[0]).toMatchObject({
      type: "string_too_long",
      loc: ["body", "content"],
    });
    expect((await send("x".repeat(1000))).status).toBe(201);
    expect(await rest(server, "GET", `/messages/history/${mallory}`, { as: alice })).toMatchObject({
      status: 403,
      body: { detail: "You can only view chat history with your friends" },
    });
    expect((await rest(server, "GET", "/messages/history/nope", { as: alice })).status).toBe(422);
  });

  it("lists no online friends to a caller without a socket", async () => {
    const b = await online(bob);
    expect((await rest(server, "GET", "/friends/online", { as: alice })).body).toEqual({
      online_friends: [],
    });
    const a = await online(alice);
    expect((await rest(server, "GET", "/friends/online", { as: alice })).body).toEqual({
      online_friends: [bob],
    });
    await closeAll(server, a, b);
  });

  it("reads `sub` as the username on the socket and `user_id` with `role` on REST", async () => {
    const token = await upstreamToken(server, alice);
    const probe = await WsProbe.open(socketUrl(server, token));
    open.push(probe);
    expect(await probe.next((f) => f.type === "connection_established")).toMatchObject({
      user_id: alice,
    });
    const history = await rest(server, "GET", `/messages/history/${bob}`, {
      authorization: `Bearer ${token}`,
    });
    expect(history.status).toBe(200);
    const wrongRole = await upstreamToken(server, alice, { role: "admin" });
    expect(
      await rest(server, "GET", "/messages/unread-count", { authorization: `Bearer ${wrongRole}` }),
    ).toMatchObject({ status: 403, body: { detail: "Role mismatch between token and database" } });
    // A username that is nobody's on the socket; a user_id that is nobody's on REST.
    const nobody = await upstreamToken(server, alice, { sub: "nobody" });
    expect(await upgradeStatus(socketUrl(server, nobody))).toBe(403);
    const ghost = await server.tokens.sign("alice", {
      claims: { user_id: "0a000000-0000-4000-8000-000000000000", role: "user" },
    });
    expect(
      await rest(server, "GET", "/messages/unread-count", { authorization: `Bearer ${ghost}` }),
    ).toMatchObject({ status: 401, body: { detail: "Could not validate credentials" } });
  });
});

describe("friends-ws field profile: one socket per user", () => {
  it("pushes to the newest socket only, and forgets the user when any socket closes", async () => {
    const a = await online(alice);
    const first = await online(bob);
    const second = await online(bob);
    a.send({ type: "send_message", receiver_id: bob, content: "to the newest" });
    await second.next((f) => f.type === "new_message");
    expect(first.frames.filter((f: any) => f.type === "new_message")).toEqual([]);
    first.close();
    await first.closed;
    // The old socket's close took the new one's registration with it.
    await expect
      .poll(async () => (await rest(server, "GET", "/friends/online", { as: alice })).body)
      .toEqual({ online_friends: [] });
    a.send({ type: "send_message", receiver_id: bob, content: "to nobody live" });
    expect(await a.next((f) => f.type === "message_sent")).toMatchObject({ status: "sent" });
    const history = await rest(server, "GET", `/messages/history/${alice}`, { as: bob });
    expect(history.body.messages[0].content).toBe("to nobody live");
    expect(second.frames.filter((f: any) => f.type === "new_message")).toHaveLength(1);
  });
});

describe("friends-ws field profile: timestamps", () => {
  it("writes Python isoformat(): microseconds and +00:00, no fraction when it is zero", () => {
    expect(pythonIsoTime(Date.UTC(2024, 0, 1, 12, 0, 0, 123))).toBe(
      "2024-01-01T12:00:00.123000+00:00",
    );
    expect(pythonIsoTime(Date.UTC(2024, 0, 1, 12, 0, 0, 0))).toBe("2024-01-01T12:00:00+00:00");
  });
});
