import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RoomsClient, roomsClient } from "../../../test/rooms-ws.js";
import { WsProbe } from "../../../test/ws-probe.js";
import { TokenService } from "../../auth/jwt.js";
import { CloseCode } from "../../limits.js";
import type { ParleyServer } from "../../server.js";
import { testRoomsChats, testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol, dave, mallory, ivan } = testUsers;
const MAX_CONTENT = 100;
const MAX_UPLOAD = 1024;

let server: ParleyServer;
let client: RoomsClient;

beforeAll(async () => {
  server = await startTestServer({
    dialects: ["rooms-ws"],
    limits: {
      maxContentChars: MAX_CONTENT,
      maxUploadBytes: MAX_UPLOAD,
      maxBodyBytes: 4096,
      maxFrameBytes: 8192,
      rateBurst: 30,
      ratePerSecond: 1,
      rateStrikesBeforeClose: 5,
    },
  });
  client = roomsClient(server);
});
afterAll(() => server.close());

const badTokens: Array<[string, () => Promise<string>]> = [
  ["missing", async () => ""],
  ["malformed", async () => "not.a.jwt"],
  ["wrongly signed", () => new TokenService("another-secret").sign(alice)],
  ["expired", () => server.token(alice, -30)],
];

async function closeOf(url: string) {
  const probe = await WsProbe.open(url);
  return (await probe.closed).code;
}

/** Sends `frame` and answers the error frame it provokes. */
async function errorFor(probe: WsProbe, frame: unknown): Promise<string> {
  probe.send(frame);
  return (await probe.next((f) => f.type === "error")).error;
}

describe("rooms-ws socket authentication", () => {
  it.each(badTokens)("closes with 4401 for a %s token", async (_name, token) => {
    expect(await closeOf(client.socketUrl("customer", await token()))).toBe(CloseCode.unauthorized);
    expect(await closeOf(client.socketUrl("user", await token()))).toBe(CloseCode.unauthorized);
  });

  it("closes with 4401 when there is no token parameter at all", async () => {
    expect(await closeOf(`${client.ws}/api/v1/chat/ws/chat/user`)).toBe(CloseCode.unauthorized);
  });

  it("closes with 4403 for an unknown or inactive user", async () => {
    const stranger = await server.tokens.sign("no-such-user");
    expect(await closeOf(client.socketUrl("customer", stranger))).toBe(CloseCode.forbidden);
    expect(await closeOf(client.socketUrl("customer", await server.token(ivan)))).toBe(
      CloseCode.forbidden,
    );
  });

  it("closes with 4403 on the wrong endpoint for the role", async () => {
    expect(await closeOf(client.socketUrl("user", await server.token(alice)))).toBe(
      CloseCode.forbidden,
    );
    expect(await closeOf(client.socketUrl("customer", await server.token(bob)))).toBe(
      CloseCode.forbidden,
    );
  });
});

describe("rooms-ws REST authentication", () => {
  it("answers 401 without a token, FastAPI style", async () => {
    const r = await client.api(null, "GET", "/chats");
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ detail: "Not authenticated" });
    expect(r.headers.get("www-authenticate")).toBe("Bearer");
  });

  it.each(badTokens.slice(1))("answers 401 for a %s token", async (_name, token) => {
    const r = await client.api({ token: await token() }, "GET", "/chats/customer");
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ detail: expect.any(String) });
  });

  it("answers 401 for an unknown user and 403 for an inactive one", async () => {
    const stranger = await server.tokens.sign("no-such-user");
    expect((await client.api({ token: stranger }, "GET", "/chats")).status).toBe(401);
    const inactive = await client.api(ivan, "GET", "/chats/customer");
    expect(inactive.status).toBe(403);
    expect(inactive.body).toEqual({ detail: "Inactive user" });
  });

  it("requires a token on every endpoint, uploads included", async () => {
    const calls: Array<[string, string]> = [
      ["POST", "/chats"],
      ["POST", "/chats/customer"],
      ["GET", "/chats/1"],
      ["GET", "/chats/1/messages"],
      ["POST", "/chats/1/messages"],
      ["PUT", "/messages/1"],
      ["DELETE", "/messages/1"],
      ["POST", "/upload"],
      ["GET", "/stats"],
    ];
    for (const [method, path] of calls) {
      expect([method, path, (await client.api(null, method, path)).status]).toEqual([
        method,
        path,
        401,
      ]);
    }
  });
});

describe("rooms-ws authorization", () => {
  it("keeps staff and customer routes apart", async () => {
    expect((await client.api(alice, "GET", "/chats")).status).toBe(403);
    expect((await client.api(bob, "GET", "/chats/customer")).status).toBe(403);
    expect((await client.api(alice, "POST", "/chats", { customer_id: 5 })).status).toBe(403);
    expect((await client.api(bob, "POST", "/chats/customer", {})).status).toBe(403);
    expect((await client.api(alice, "GET", "/stats")).body).toEqual({
      detail: "Staff access required",
    });
  });

  it("answers 404 for an unknown chat and 403 for a non-member, on every chat route", async () => {
    expect((await client.api(alice, "GET", "/chats/999")).status).toBe(404);
    expect((await client.api(alice, "GET", "/chats/999/messages")).status).toBe(404);
    expect((await client.api(carol, "GET", `/chats/${testRoomsChats.one}`)).status).toBe(403);
    expect((await client.api(carol, "GET", `/chats/${testRoomsChats.one}/messages`)).status).toBe(
      403,
    );
    const post = await client.api(carol, "POST", `/chats/${testRoomsChats.one}/messages`, {
      content: "hi",
    });
    expect(post.status).toBe(403);
    expect(post.body).toEqual({ detail: "You are not a participant of this chat" });
  });

  it("refuses chats with a customer id that is not a customer", async () => {
    for (const customer_id of [2, 6, 999]) {
      expect((await client.api(bob, "POST", "/chats", { customer_id })).status).toBe(404);
    }
    expect((await client.api(carol, "POST", "/chats/customer", { user_id: 1 })).status).toBe(404);
  });

  it("lets only the sender edit or delete a message", async () => {
    const sent = await client.api(alice, "POST", `/chats/${testRoomsChats.one}/messages`, {
      content: "mine",
    });
    expect(
      (await client.api(bob, "PUT", `/messages/${sent.body.id}`, { content: "x" })).status,
    ).toBe(403);
    expect((await client.api(bob, "DELETE", `/messages/${sent.body.id}`)).status).toBe(403);
    expect((await client.api(carol, "DELETE", `/messages/${sent.body.id}`)).status).toBe(403);
    expect((await client.api(alice, "PUT", "/messages/99999", { content: "x" })).status).toBe(404);
    expect((await client.api(alice, "DELETE", "/messages/99999")).status).toBe(404);
    await client.api(alice, "DELETE", `/messages/${sent.body.id}`);
    const again = await client.api(alice, "PUT", `/messages/${sent.body.id}`, { content: "back" });
    expect(again.status).toBe(400);
  });

  it("refuses socket actions on chats the participant is not in", async () => {
    const probe = await client.connect(carol, "customer");
    const one = testRoomsChats.one;
    expect(await errorFor(probe, { type: "join_chat", chat_id: one })).toMatch(/not a participant/);
    expect(await errorFor(probe, { type: "join_chat", chat_id: 999 })).toBe("Chat not found");
    expect(await errorFor(probe, { type: "send_message", chat_id: one, content: "x" })).toMatch(
      /not a participant/,
    );
    expect(await errorFor(probe, { type: "typing", chat_id: one, is_typing: true })).toMatch(
      /not a participant/,
    );
    expect(await errorFor(probe, { type: "read_message", chat_id: one, message_id: 1 })).toMatch(
      /not a participant/,
    );
    // Nothing leaked into the chat.
    const history = await client.api(alice, "GET", `/chats/${one}/messages`);
    expect(history.body.messages.some((m: any) => m.sender_id === 3)).toBe(false);
    probe.close();
  });

  it("refuses replies and read receipts that point into another chat", async () => {
    const inTwo = await client.api(carol, "POST", `/chats/${testRoomsChats.two}/messages`, {
      content: "two",
    });
    const probe = await client.connect(alice, "customer");
    const one = testRoomsChats.one;
    expect(
      await errorFor(probe, {
        type: "send_message",
        chat_id: one,
        content: "re",
        reply_to_id: inTwo.body.id,
      }),
    ).toBe("Reply target not found in this chat");
    expect(
      await errorFor(probe, { type: "read_message", chat_id: one, message_id: inTwo.body.id }),
    ).toBe("Message not found in this chat");
    const rest = await client.api(alice, "POST", `/chats/${one}/messages`, {
      content: "re",
      reply_to_id: inTwo.body.id,
    });
    expect(rest.status).toBe(400);
    probe.close();
  });
});

describe("rooms-ws bad socket input", () => {
  it("answers every malformed frame with an error and keeps the socket open", async () => {
    const probe = await client.connect(alice, "customer");
    const one = testRoomsChats.one;
    expect(await errorFor(probe, "{not json")).toBe("Invalid JSON");
    expect(await errorFor(probe, "[1,2]")).toMatch(/Invalid message format/);
    expect(await errorFor(probe, "42")).toMatch(/Invalid message format/);
    expect(await errorFor(probe, { chat_id: one })).toMatch(/Invalid message format/);
    expect(await errorFor(probe, { type: "explode" })).toBe("Unknown message type: explode");
    expect(await errorFor(probe, { type: "__proto__" })).toBe("Unknown message type: __proto__");
    expect(await errorFor(probe, { type: "join_chat", chat_id: "1" })).toMatch(
      /^Invalid join_chat: chat_id/,
    );
    expect(await errorFor(probe, { type: "join_chat", chat_id: 1.5 })).toMatch(/chat_id/);
    expect(await errorFor(probe, { type: "join_chat", chat_id: -1 })).toMatch(/chat_id/);
    expect(await errorFor(probe, { type: "typing", chat_id: one, is_typing: "yes" })).toMatch(
      /is_typing/,
    );
    expect(await errorFor(probe, { type: "read_message", chat_id: one })).toMatch(/message_id/);
    expect(await errorFor(probe, { type: "send_message", chat_id: one })).toMatch(/content/);
    expect(await errorFor(probe, { type: "send_message", chat_id: one, content: "   " })).toMatch(
      /content/,
    );
    expect(await errorFor(probe, { type: "send_message", chat_id: one, content: 5 })).toMatch(
      /content/,
    );
    expect(
      await errorFor(probe, {
        type: "send_message",
        chat_id: one,
        content: "x".repeat(MAX_CONTENT + 1),
      }),
    ).toMatch(/longer than 100/);
    expect(
      await errorFor(probe, { type: "send_message", chat_id: one, message_type: "image" }),
    ).toMatch(/media_url/);
    expect(
      await errorFor(probe, {
        type: "send_message",
        chat_id: one,
        message_type: "image",
        media_url: "javascript:alert(1)",
      }),
    ).toMatch(/media_url/);
    expect(
      await errorFor(probe, {
        type: "send_message",
        chat_id: one,
        content: "x",
        message_type: "video",
      }),
    ).toMatch(/message_type/);
    expect(await errorFor(probe, { type: "read_message", chat_id: one, message_id: 99999 })).toBe(
      "Message not found in this chat",
    );
    probe.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await probe.next((f) => f.type === "error")).error).toBe("Invalid JSON");

    probe.send({ type: "ping" });
    expect(await probe.next((f) => f.type === "pong")).toMatchObject({
      timestamp: expect.any(String),
    });
    probe.close();
  });

  it("closes a socket that sends an oversize frame (1009) and one that floods (4429)", async () => {
    const big = await client.connect(alice, "customer");
    big.send({ type: "ping", pad: "x".repeat(10_000) });
    expect((await big.closed).code).toBe(1009);

    const flood = await client.connect(alice, "customer");
    for (let i = 0; i < 60; i++) flood.send({ type: "ping" });
    expect((await flood.next((f) => f.type === "error")).error).toBe("Rate limit exceeded");
    expect((await flood.closed).code).toBe(CloseCode.rateLimited);
  });

  it("still serves a good client after the abuse", async () => {
    const a = await client.joined(alice, "customer", testRoomsChats.one);
    const d = await client.joined(dave, "user", testRoomsChats.one);
    a.send({ type: "send_message", chat_id: testRoomsChats.one, content: "still alive" });
    expect((await d.next((f) => f.type === "message")).message.content).toBe("still alive");
    a.close();
    d.close();
  });
});

describe("rooms-ws bad REST input", () => {
  it("answers 422 in FastAPI's shape for invalid bodies, paths and queries", async () => {
    const notJson = await client.api(bob, "POST", "/chats", "{oops");
    expect(notJson.status).toBe(422);
    expect(notJson.body.detail[0]).toMatchObject({ type: "json_invalid", loc: ["body"] });

    const missing = await client.api(bob, "POST", "/chats", {});
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({
      loc: ["body", "customer_id"],
      msg: expect.any(String),
    });

    expect((await client.api(bob, "POST", "/chats", { customer_id: "one" })).status).toBe(422);
    expect(
      (await client.api(bob, "POST", "/chats", { customer_id: 5, initial_message: " " })).status,
    ).toBe(422);

    const path = await client.api(bob, "GET", "/chats/abc");
    expect(path.status).toBe(422);
    expect(path.body.detail[0]).toMatchObject({ loc: ["path", "chat_id"] });

    for (const query of ["page=0", "page_size=0", "page_size=101", "page=x"]) {
      const r = await client.api(bob, "GET", `/chats/${testRoomsChats.one}/messages?${query}`);
      expect([query, r.status, r.body.detail[0].loc[0]]).toEqual([query, 422, "query"]);
    }

    const one = `/chats/${testRoomsChats.one}/messages`;
    expect((await client.api(bob, "POST", one, { content: "" })).status).toBe(422);
    expect(
      (await client.api(bob, "POST", one, { content: "x".repeat(MAX_CONTENT + 1) })).status,
    ).toBe(422);
    expect((await client.api(bob, "POST", one, { message_type: "voice" })).status).toBe(422);
    expect((await client.api(bob, "PUT", "/messages/1", { content: "" })).status).toBe(422);
  });

  it("answers 413 for an oversize JSON body and 404 for unknown routes", async () => {
    const big = await client.api(bob, "POST", "/chats", {
      customer_id: 5,
      title: "x".repeat(5000),
    });
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ detail: expect.any(String) });
    const unknown = await client.api(bob, "GET", "/nowhere");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: "Not Found" });
  });

  it("refuses uploads that are too large (413), of the wrong type (415), empty or missing", async () => {
    const upload = (blob: Blob | string, name = "f") => {
      const form = new FormData();
      if (typeof blob === "string") form.append("file", blob);
      else form.append("file", blob, name);
      return client.api(alice, "POST", "/upload", form);
    };
    const tooBig = await upload(new Blob([new Uint8Array(MAX_UPLOAD + 1)], { type: "image/png" }));
    expect(tooBig.status).toBe(413);
    const hugeBody = await upload(new Blob([new Uint8Array(200_000)], { type: "image/png" }));
    expect(hugeBody.status).toBe(413);
    const html = await upload(new Blob(["<script>alert(1)</script>"], { type: "text/html" }));
    expect(html.status).toBe(415);
    expect(html.body).toEqual({ detail: "Unsupported file type: text/html" });
    const svg = await upload(new Blob(["<svg/>"], { type: "image/svg+xml" }));
    expect(svg.status).toBe(415);
    expect((await upload(new Blob([], { type: "image/png" }))).status).toBe(400);
    expect((await upload("just text")).status).toBe(422);
    expect((await client.api(alice, "POST", "/upload", { file: "x" })).status).toBe(422);
    expect(
      (await fetch(`${client.http}/uploads/00000000000000000000000000000000.png`)).status,
    ).toBe(404);
    expect((await fetch(`${client.http}/uploads/..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it("still answers a good client after the abuse", async () => {
    const r = await client.api(mallory, "GET", "/chats/customer");
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body)).toBe(true);
  });
});
