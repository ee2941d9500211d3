import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WsProbe } from "../../../test/ws-probe.js";
import { TokenService } from "../../auth/jwt.js";
import { CloseCode } from "../../limits.js";
import type { ParleyServer } from "../../server.js";
import { testChannelsChats, testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol, mallory, ivan } = testUsers;
let server: ParleyServer;
let http: string;
let ws: string;

beforeAll(async () => {
  server = await startTestServer({
    dialects: ["channels-ws"],
    limits: { rateBurst: 20, ratePerSecond: 1, rateStrikesBeforeClose: 3, maxFrameBytes: 8192 },
  });
  http = server.url("channels-ws");
  ws = http.replace(/^http/, "ws");
});
afterAll(() => server.close());

const chatUrl = (token: string, chat: string = testChannelsChats.a) =>
  `${ws}/ws/chat/${chat}/?token=${token}`;

async function closeOf(url: string) {
  const probe = await WsProbe.open(url);
  return { ...(await probe.closed), frames: probe.frames };
}

describe("channels-ws authentication and access", () => {
  it.each([
    ["missing", () => Promise.resolve("")],
    ["malformed", () => Promise.resolve("not.a.jwt")],
    ["wrongly signed", () => new TokenService("another-secret").sign(alice)],
    ["expired", () => server.token(alice, -30)],
  ])("closes with 4401 for a %s token", async (_name, token) => {
    const { code } = await closeOf(chatUrl(await token()));
    expect(code).toBe(CloseCode.unauthorized);
  });

  it("closes with 4403 for an unknown or inactive user", async () => {
    const stranger = await server.tokens.sign("no-such-user");
    expect((await closeOf(chatUrl(stranger))).code).toBe(CloseCode.forbidden);
    expect((await closeOf(chatUrl(await server.token(ivan)))).code).toBe(CloseCode.forbidden);
  });

  it("closes with 4403 when the user is not in the chat", async () => {
    expect((await closeOf(chatUrl(await server.token(carol)))).code).toBe(CloseCode.forbidden);
    expect((await closeOf(chatUrl(await server.token(mallory)))).code).toBe(CloseCode.forbidden);
  });

  it('answers "Chat not found" and closes with 4404 for an unknown or malformed chat id', async () => {
    const token = await server.token(alice);
    for (const chat of ["00000000-0000-4000-8000-000000000000", "42", "not-a-uuid"]) {
      const { code, frames } = await closeOf(chatUrl(token, chat));
      expect(code).toBe(CloseCode.notFound);
      expect(frames).toEqual([{ error: "Chat not found" }]);
    }
  });

  it("refuses REST calls without a valid token and outside the chat", async () => {
    const noToken = await fetch(`${http}/chat/chats/`, { method: "POST", body: "{}" });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({
      detail: "Authentication credentials were not provided.",
    });
    const expired = await fetch(`${http}/chat/chats/`, {
      headers: { authorization: `Bearer ${await server.token(alice, -1)}` },
    });
    expect(expired.status).toBe(401);
    const outsider = await fetch(`${http}/chat/chats/${testChannelsChats.a}/messages/`, {
      headers: { authorization: `Bearer ${await server.token(carol)}` },
    });
    expect(outsider.status).toBe(403);
  });

  it("refuses to create a chat with the wrong profiles, an unknown user or a bad body", async () => {
    const post = async (userId: string, body: string) =>
      fetch(`${http}/chat/chats/`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${await server.token(userId)}`,
          "content-type": "application/json",
        },
        body,
      });
    // carol is no professional, so alice cannot open a patient chat with her.
    expect((await post(alice, JSON.stringify({ professional: carol }))).status).toBe(403);
    expect((await post(alice, JSON.stringify({ professional: "nobody" }))).status).toBe(404);
    expect((await post(alice, JSON.stringify({ professional: bob, patient: alice }))).status).toBe(
      400,
    );
    expect((await post(alice, "{not json")).status).toBe(400);
    expect((await post(alice, JSON.stringify({ professional: "x".repeat(70_000) }))).status).toBe(
      413,
    );
  });
});

describe("channels-ws bad input", () => {
  it("answers each bad frame with the documented error and keeps the socket usable", async () => {
    const probe = await WsProbe.open(chatUrl(await server.token(alice)));
    const cases: Array<[unknown, RegExp]> = [
      ["{not json", /^Invalid JSON$/],
      [{ content: "" }, /^Message content cannot be empty$/],
      [{ content: "   \n\t" }, /^Message content cannot be empty$/],
      [{ content: 42 }, /^Message content cannot be empty$/],
      [[1, 2], /^Invalid JSON$/],
      [{ content: "hi", role: "admin" }, /^Invalid role$/],
      [{ content: "x".repeat(4001) }, /too long/],
    ];
    for (const [frame, error] of cases) {
      probe.send(frame);
      expect((await probe.next((f) => f.error)).error).toMatch(error);
    }
    probe.send({ content: "still fine" });
    expect((await probe.next((f) => f.message)).message.content).toBe("still fine");
    probe.close();
  });

  it("closes a frame over the size limit with 1009 and keeps serving others", async () => {
    const probe = await WsProbe.open(chatUrl(await server.token(alice)));
    probe.send({ content: "y".repeat(10_000) });
    expect((await probe.closed).code).toBe(1009);
    const next = await WsProbe.open(chatUrl(await server.token(bob)));
    next.send({ content: "after oversize" });
    expect((await next.next((f) => f.message)).message.content).toBe("after oversize");
    next.close();
  });

  it("refuses a flood, then closes the flooding socket with 4429", async () => {
    const probe = await WsProbe.open(chatUrl(await server.token(bob)));
    for (let i = 0; i < 40; i++) probe.send({ content: `flood ${i}` });
    expect((await probe.next((f) => f.error)).error).toMatch(/Too many messages/);
    expect((await probe.closed).code).toBe(CloseCode.rateLimited);
    const stored = probe.frames.filter((f: any) => f.message).length;
    expect(stored).toBeLessThanOrEqual(21);
  });

  it("rejects upgrades on unknown paths with 404", async () => {
    await expect(WsProbe.open(`${ws}/ws/elsewhere/?token=x`)).rejects.toThrow(/404/);
  });
});
