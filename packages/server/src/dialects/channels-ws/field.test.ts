import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WsProbe } from "../../../test/ws-probe.js";
import { TokenService } from "../../auth/jwt.js";
import type { ParleyServer } from "../../server.js";
import { testChannelsChats, testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

// The field profile: channels-ws as prince-cloud/bridgecare-backend's code behaves.
const { alice, bob, carol, ivan } = testUsers;
let server: ParleyServer;
let http: string;
let ws: string;

beforeAll(async () => {
  server = await startTestServer({ dialects: ["channels-ws"], profile: "field" });
  http = server.url("channels-ws");
  ws = http.replace(/^http/, "ws");
});
afterAll(() => server.close());

const chatUrl = (token: string, chat: string = testChannelsChats.a) =>
  `${ws}/ws/chat/${chat}/?token=${token}`;

async function join(userId: string): Promise<WsProbe> {
  const probe = await WsProbe.open(chatUrl(await server.token(userId)));
  expect(probe.socket.readyState).toBe(probe.socket.OPEN);
  return probe;
}

describe("channels-ws field profile: refusals at the HTTP upgrade (chat/consumers.py connect)", () => {
  it.each([
    ["a missing token", () => Promise.resolve("")],
    ["a malformed token", () => Promise.resolve("not.a.jwt")],
    ["a wrongly signed token", () => new TokenService("another-secret").sign(alice)],
    ["an expired token", () => server.token(alice, -30)],
    ["an inactive user", () => server.token(ivan)],
    ["a user outside the chat", () => server.token(carol)],
  ])("answers HTTP 403 for %s", async (_name, token) => {
    await expect(WsProbe.open(chatUrl(await token()))).rejects.toThrow(/HTTP 403/);
  });

  it("answers HTTP 403 for an unknown or malformed chat id, with no frame", async () => {
    const token = await server.token(alice);
    for (const chat of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      await expect(WsProbe.open(chatUrl(token, chat))).rejects.toThrow(/HTTP 403/);
    }
  });

  it("still answers 404 for an unknown path, and accepts a member with a good token", async () => {
    await expect(WsProbe.open(`${ws}/ws/elsewhere/?token=x`)).rejects.toThrow(/HTTP 404/);
    const probe = await join(alice);
    probe.close();
  });
});

describe("channels-ws field profile: frames", () => {
  it("writes created_at as Python's isoformat (+00:00), in the seed's message shape", async () => {
    const patient = await join(alice);
    const professional = await join(bob);
    patient.send({ content: "field hello" });
    const echo = await patient.next((f) => f.message);
    expect(await professional.next((f) => f.message)).toEqual(echo);
    expect(Object.keys(echo.message).sort()).toEqual([
      "content",
      "created_at",
      "id",
      "sender_type",
    ]);
    expect(echo.message.sender_type).toBe("patient");
    expect(echo.message.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    expect(Number.isNaN(Date.parse(echo.message.created_at))).toBe(false);
    patient.close();
    professional.close();
  });

  it("answers role and content errors with consumers.py's prefixed texts", async () => {
    const probe = await join(alice);
    const cases: Array<[unknown, string]> = [
      [
        { content: "hi", role: "admin" },
        "Error sending message: Invalid role 'admin'. Must be 'patient' or 'professional'",
      ],
      [
        { content: "hi", role: "provider" },
        "Error sending message: Cannot send message as professional: you are not the professional in this chat",
      ],
      [{ content: 42 }, "Error sending message: 'int' object has no attribute 'strip'"],
      [{ content: "   " }, "Message content cannot be empty"],
      ["{nope", "Invalid JSON"],
    ];
    for (const [frame, error] of cases) {
      probe.send(frame);
      expect((await probe.next((f) => f.error)).error).toBe(error);
    }
    probe.close();
  });
});

describe("channels-ws field profile: REST", () => {
  it("serves no chat list, and still refuses a bad token with 401 first", async () => {
    const list = await fetch(`${http}/chat/chats/`, {
      headers: { authorization: `Bearer ${await server.token(alice)}` },
    });
    expect(list.status).toBe(404);
    const bad = await fetch(`${http}/chat/chats/`, { headers: { authorization: "Bearer nope" } });
    expect(bad.status).toBe(401);
  });

  it("pages a chat's messages oldest first, as chat/views.py's messages action; 404 outside", async () => {
    const probe = await join(alice);
    for (const content of ["older one", "newer one"]) {
      probe.send({ content });
      await probe.next((f) => f.message?.content === content);
    }
    probe.close();
    const page = async (userId: string) =>
      fetch(`${http}/chat/chats/${testChannelsChats.a}/messages/?page=1&page_size=100`, {
        headers: { authorization: `Bearer ${await server.token(userId)}` },
      });
    const answer = await page(alice);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { results: Array<Record<string, unknown>> };
    const texts = body.results.map((m) => m.content);
    expect(texts.indexOf("older one")).toBeLessThan(texts.indexOf("newer one"));
    expect(texts.indexOf("older one")).toBeGreaterThanOrEqual(0);
    expect(body.results[0]).toMatchObject({ is_read: false, sender_type: expect.any(String) });
    expect((await page(carol)).status).toBe(404);
  });

  it("still creates or gets a chat with the documented POST", async () => {
    const answer = await fetch(`${http}/chat/chats/`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await server.token(alice)}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ professional: bob }),
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { id: string }).id).toBe(testChannelsChats.a);
  });
});
