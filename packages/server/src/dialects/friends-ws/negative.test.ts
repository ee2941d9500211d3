import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeAll, connect, rest, socketUrl } from "../../../test/friends-ws.js";
import { WsProbe } from "../../../test/ws-probe.js";
import { TokenService } from "../../auth/jwt.js";
import { CloseCode } from "../../limits.js";
import type { ParleyServer } from "../../server.js";
import { testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol, mallory, ivan } = testUsers;
const MAX = 4000;
let server: ParleyServer;
const open: WsProbe[] = [];

async function online(userId: string): Promise<WsProbe> {
  const probe = await connect(server, userId);
  open.push(probe);
  return probe;
}

const isError = (f: any) => f.type === "error";

/** Sends a frame and answers the error frame it earns. */
async function refused(probe: WsProbe, frame: unknown): Promise<{ code: number; message: string }> {
  probe.send(frame);
  const error = await probe.next(isError);
  expect(Object.keys(error).sort()).toEqual(["code", "message", "type"]);
  return error;
}

async function sendRest(from: string, to: string, content = "hi") {
  return rest(server, "POST", "/messages/", { as: from, body: { receiver_id: to, content } });
}

beforeAll(async () => {
  server = await startTestServer({ dialects: ["friends-ws"] });
});
afterEach(async () => {
  await closeAll(server, ...open.splice(0));
});
afterAll(() => server.close());

describe("friends-ws socket authentication", () => {
  const base = () => `${server.url("friends-ws").replace("http", "ws")}/api/v1/chat/ws/chat`;

  it.each([
    ["missing", async () => base()],
    ["empty", async () => `${base()}?token=`],
    ["malformed", async () => `${base()}?token=not.a.jwt`],
    ["wrongly signed", async () => socketUrl(server, await new TokenService("other").sign(alice))],
    ["expired", async () => socketUrl(server, await server.token(alice, -30))],
  ])("closes with 4401 for a %s token", async (_name, url) => {
    const probe = await WsProbe.open(await url());
    expect((await probe.closed).code).toBe(CloseCode.unauthorized);
    expect(probe.frames).toEqual([]);
  });

  it("closes with 4401 for a bad token in the Authorization header", async () => {
    const probe = await WsProbe.open(base(), { Authorization: "Bearer nope" });
    expect((await probe.closed).code).toBe(CloseCode.unauthorized);
  });

  it("closes with 4403 for an unknown or inactive user", async () => {
    for (const token of [await server.tokens.sign("no-such-user"), await server.token(ivan)]) {
      const probe = await WsProbe.open(socketUrl(server, token));
      expect(await probe.closed).toEqual({
        code: CloseCode.forbidden,
        reason: "User not found or inactive",
      });
    }
  });
});

describe("friends-ws REST authentication", () => {
  const calls: Array<[string, string]> = [
    ["POST", "/messages/"],
    ["GET", `/messages/history/${bob}`],
    ["PUT", "/messages/00000000-0000-4000-8000-000000000000/read"],
    ["DELETE", "/messages/00000000-0000-4000-8000-000000000000"],
    ["GET", "/messages/unread-count"],
    ["GET", "/friends/online"],
  ];

  it.each(calls)(
    "%s %s refuses missing, malformed, wrongly signed and expired tokens",
    async (method, path) => {
      const bad: Array<[string | null, string]> = [
        [null, "Not authenticated"],
        ["Basic YWxpY2U6cHc=", "Not authenticated"],
        ["Bearer not.a.jwt", "Could not validate credentials"],
        [`Bearer ${await new TokenService("other").sign(alice)}`, "Could not validate credentials"],
        [`Bearer ${await server.token(alice, -30)}`, "Token has expired"],
      ];
      for (const [authorization, detail] of bad) {
        const res = await rest(server, method, path, {
          authorization,
          body: { receiver_id: bob, content: "x" },
        });
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ detail });
        expect(res.headers.get("www-authenticate")).toBe("Bearer");
      }
    },
  );

  it.each(calls)("%s %s answers 403 for an unknown or inactive user", async (method, path) => {
    for (const token of [await server.tokens.sign("no-such-user"), await server.token(ivan)]) {
      const res = await rest(server, method, path, { authorization: `Bearer ${token}`, body: {} });
      expect(res).toMatchObject({ status: 403, body: { detail: "User not found or inactive" } });
    }
  });

  it("does not take the token from the query string on REST", async () => {
    const token = await server.token(alice);
    const res = await rest(server, "GET", `/messages/unread-count?token=${token}`, {
      authorization: null,
    });
    expect(res.status).toBe(401);
  });
});

describe("friends-ws authorization", () => {
  it("refuses messages and typing to non-friends, pending friends and oneself over the socket", async () => {
    const a = await online(alice);
    const b = await online(bob);
    const c = await online(carol);
    const m = await online(mallory);
    expect(await refused(a, { type: "send_message", receiver_id: mallory, content: "hi" })).toEqual(
      {
        type: "error",
        code: 403,
        message: "Not friends with recipient",
      },
    );
    expect(
      (await refused(b, { type: "send_message", receiver_id: carol, content: "hi" })).code,
    ).toBe(403);
    expect(
      (await refused(a, { type: "send_message", receiver_id: alice, content: "me" })).code,
    ).toBe(403);
    expect((await refused(b, { type: "typing", receiver_id: carol, is_typing: true })).code).toBe(
      403,
    );
    expect((await refused(m, { type: "typing", receiver_id: alice, is_typing: true })).code).toBe(
      403,
    );
    expect(
      await refused(a, { type: "send_message", receiver_id: "nobody", content: "x" }),
    ).toMatchObject({
      code: 404,
      message: "User not found",
    });
    expect((await refused(a, { type: "send_message", receiver_id: ivan, content: "x" })).code).toBe(
      404,
    );
    expect(
      await c.none((f) => f.type === "new_message" || f.type === "typing_indicator", 100),
    ).toBe(true);
    expect(await m.none((f) => f.type === "new_message", 0)).toBe(true);
    expect(await a.none((f) => f.type === "typing_indicator", 0)).toBe(true);
  });

  it("lets only the receiver mark a message read over the socket", async () => {
    const a = await online(alice);
    const c = await online(carol);
    const msg = (await sendRest(alice, bob)).body.message_id;
    expect(await refused(a, { type: "mark_read", message_id: msg })).toMatchObject({ code: 403 });
    expect(await refused(c, { type: "mark_read", message_id: msg })).toMatchObject({ code: 403 });
    expect(
      await refused(a, { type: "mark_read", message_id: "00000000-0000-4000-8000-000000000000" }),
    ).toEqual({
      type: "error",
      code: 404,
      message: "Message not found",
    });
  });

  it("enforces friend-only messaging and history on REST", async () => {
    for (const [from, to] of [
      [alice, mallory],
      [bob, carol],
      [alice, alice],
    ] as const) {
      const res = await sendRest(from, to);
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/not friends/i);
      const history = await rest(server, "GET", `/messages/history/${to}`, { as: from });
      expect(history.status).toBe(403);
      expect(history.body.detail).toMatch(/not friends/i);
    }
    expect(await sendRest(alice, "nobody")).toMatchObject({
      status: 404,
      body: { detail: "User not found" },
    });
    expect(await sendRest(alice, ivan)).toMatchObject({ status: 404 });
    expect((await rest(server, "GET", "/messages/history/nobody", { as: alice })).status).toBe(404);
  });

  it("lets only the receiver mark read and only the sender delete on REST", async () => {
    const id = (await sendRest(alice, bob, "mine")).body.message_id;
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const who of [alice, carol, mallory]) {
      expect((await rest(server, "PUT", `/messages/${id}/read`, { as: who })).status).toBe(403);
    }
    for (const who of [bob, carol, mallory]) {
      const res = await rest(server, "DELETE", `/messages/${id}`, { as: who });
      expect(res).toMatchObject({
        status: 403,
        body: { detail: "Only the sender can delete this message" },
      });
    }
    expect(await rest(server, "PUT", `/messages/${unknown}/read`, { as: bob })).toMatchObject({
      status: 404,
      body: { detail: "Message not found" },
    });
    expect((await rest(server, "DELETE", `/messages/${unknown}`, { as: alice })).status).toBe(404);

    expect((await rest(server, "DELETE", `/messages/${id}`, { as: alice })).status).toBe(200);
    // A deleted message is gone for every later operation.
    expect((await rest(server, "DELETE", `/messages/${id}`, { as: alice })).status).toBe(404);
    expect((await rest(server, "PUT", `/messages/${id}/read`, { as: bob })).status).toBe(404);
  });
});

describe("friends-ws bad input over the socket", () => {
  it("answers every malformed frame with an error frame and stays open", async () => {
    const a = await online(alice);
    const cases: Array<[unknown, number, RegExp]> = [
      ["{not json", 400, /Invalid JSON/],
      ["[1,2]", 400, /type/],
      ["42", 400, /type/],
      [{ receiver_id: bob, content: "no type" }, 400, /type/],
      [{ type: 7 }, 400, /type/],
      [{ type: "launch_missiles" }, 400, /Unknown message type: launch_missiles/],
      [{ type: "__proto__" }, 400, /Unknown message type/],
      [{ type: "send_message", receiver_id: bob }, 422, /content/],
      [{ type: "send_message", receiver_id: 5, content: "x" }, 422, /receiver_id/],
      [{ type: "send_message", receiver_id: bob, content: "" }, 422, /cannot be empty/],
      [{ type: "send_message", receiver_id: bob, content: "  \n\t " }, 422, /cannot be empty/],
      [
        { type: "send_message", receiver_id: bob, content: "x".repeat(MAX + 1) },
        422,
        /at most 4000/,
      ],
      [{ type: "send_message", receiver_id: bob, content: { text: "x" } }, 422, /content/],
      [{ type: "typing", receiver_id: bob, is_typing: "yes" }, 422, /is_typing/],
      [{ type: "typing", receiver_id: bob }, 422, /is_typing/],
      [{ type: "mark_read" }, 422, /message_id/],
      [{ type: "mark_read", message_id: null }, 422, /message_id/],
    ];
    for (const [frame, code, message] of cases) {
      const error = await refused(a, frame);
      expect(error.code, JSON.stringify(frame).slice(0, 80)).toBe(code);
      expect(error.message).toMatch(message);
    }
    a.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await a.next(isError)).toMatchObject({ code: 400, message: "Invalid JSON" });

    a.send({ type: "send_message", receiver_id: bob, content: "x".repeat(MAX) });
    expect(await a.next((f) => f.type === "message_sent" || isError(f))).toMatchObject({
      type: "message_sent",
    });
  });

  it("closes a socket that sends an oversize frame, and refuses floods with 429 errors", async () => {
    const big = await online(alice);
    big.send({ type: "send_message", receiver_id: bob, content: "x".repeat(70_000) });
    expect((await big.closed).code).toBe(1009);

    const flood = await online(carol);
    for (let i = 0; i < 60; i++)
      flood.send({ type: "typing", receiver_id: alice, is_typing: false });
    expect(await flood.next((f) => isError(f) && f.code === 429)).toEqual({
      type: "error",
      code: 429,
      message: "Rate limit exceeded",
    });
    expect(flood.socket.readyState).toBe(flood.socket.OPEN);
  });
});

describe("friends-ws bad input over REST", () => {
  it("answers FastAPI 422 lists for bad bodies", async () => {
    const post = (init: { body?: unknown; rawBody?: string }) =>
      rest(server, "POST", "/messages/", { as: alice, ...init });

    const invalid = await post({ rawBody: "{oops" });
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail[0]).toMatchObject({
      type: "json_invalid",
      loc: ["body", 0],
      msg: "JSON decode error",
    });

    expect((await post({})).body).toEqual({
      detail: [{ type: "missing", loc: ["body"], msg: "Field required", input: null }],
    });
    expect((await post({ body: { receiver_id: bob } })).body.detail).toEqual([
      {
        type: "missing",
        loc: ["body", "content"],
        msg: "Field required",
        input: { receiver_id: bob },
      },
    ]);
    expect((await post({ body: [] })).body.detail[0]).toMatchObject({
      type: "model_attributes_type",
      loc: ["body"],
    });
    expect((await post({ body: { receiver_id: bob, content: 5 } })).body.detail[0]).toMatchObject({
      type: "string_type",
      loc: ["body", "content"],
      msg: "Input should be a valid string",
    });
    expect((await post({ body: { receiver_id: bob, content: "" } })).body.detail[0]).toMatchObject({
      type: "string_too_short",
      loc: ["body", "content"],
    });
    expect(
      (await post({ body: { receiver_id: bob, content: "   " } })).body.detail[0],
    ).toMatchObject({
      type: "value_error",
      msg: "Value error, Message content cannot be empty",
    });
    const long = await post({ body: { receiver_id: bob, content: "x".repeat(MAX + 1) } });
    expect(long.status).toBe(422);
    expect(long.body.detail[0]).toMatchObject({
      type: "string_too_long",
      ctx: { max_length: MAX },
    });

    const both = await post({ body: { content: 1 } });
    expect(both.body.detail.map((d: any) => d.loc)).toEqual([
      ["body", "receiver_id"],
      ["body", "content"],
    ]);

    const huge = await post({
      rawBody: JSON.stringify({ receiver_id: bob, content: "x".repeat(70_000) }),
    });
    expect(huge).toMatchObject({ status: 413, body: { detail: "Request body too large" } });
  });

  it("validates skip and limit like FastAPI's Query(ge=, le=)", async () => {
    const history = (query: string) =>
      rest(server, "GET", `/messages/history/${bob}?${query}`, { as: alice });
    expect((await history("limit=101")).body).toEqual({
      detail: [
        {
          type: "less_than_equal",
          loc: ["query", "limit"],
          msg: "Input should be less than or equal to 100",
          input: "101",
          ctx: { le: 100 },
        },
      ],
    });
    expect((await history("limit=0")).body.detail[0]).toMatchObject({ type: "greater_than_equal" });
    expect((await history("limit=ten")).body.detail[0]).toMatchObject({ type: "int_parsing" });
    expect((await history("skip=-1")).body.detail[0]).toMatchObject({ loc: ["query", "skip"] });
    const two = await history("skip=x&limit=500");
    expect(two.status).toBe(422);
    expect(two.body.detail).toHaveLength(2);
    expect((await history("limit=100")).status).toBe(200);
  });

  it("answers unknown routes with a FastAPI 404", async () => {
    expect(await rest(server, "GET", "/nowhere", { as: alice })).toMatchObject({
      status: 404,
      body: { detail: "Not Found" },
    });
  });
});

describe("friends-ws after abuse", () => {
  it("still serves a good client", async () => {
    const a = await online(alice);
    const b = await online(bob);
    a.send("garbage");
    await a.next(isError);
    a.send({ type: "send_message", receiver_id: bob, content: "still here" });
    expect((await b.next((f) => f.type === "new_message")).message.content).toBe("still here");
    expect((await a.next((f) => f.type === "message_sent")).status).toBe("delivered");
    expect((await rest(server, "GET", "/friends/online", { as: alice })).body).toEqual({
      online_friends: [bob],
    });
  });
});
