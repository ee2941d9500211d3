import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WsProbe } from "../../../test/ws-probe.js";
import type { ParleyServer } from "../../server.js";
import { testChannelsChats, testUsers } from "../../testing/fixtures.js";
import { startTestServer } from "../../testing/start-test-server.js";

const { alice, bob, carol, dave } = testUsers;
let server: ParleyServer;
let http: string;
let ws: string;

beforeAll(async () => {
  server = await startTestServer({ dialects: ["channels-ws"] });
  http = server.url("channels-ws");
  ws = http.replace(/^http/, "ws");
});
afterAll(() => server.close());

/** The seed's own JavaScript example: `new WebSocket(\`${url}/ws/chat/${CHAT_ID}/?token=${JWT}\`)`. */
async function join(chatId: string, userId: string): Promise<WsProbe> {
  const probe = await WsProbe.open(`${ws}/ws/chat/${chatId}/?token=${await server.token(userId)}`);
  expect(probe.socket.readyState).toBe(probe.socket.OPEN);
  return probe;
}

async function rest(path: string, userId: string, init: RequestInit = {}) {
  const response = await fetch(`${http}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${await server.token(userId)}`,
      "content-type": "application/json",
      ...init.headers,
    },
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe("channels-ws conformance", () => {
  it("delivers a message to both sides of the chat in the documented shape", async () => {
    const patient = await join(testChannelsChats.a, alice);
    const professional = await join(testChannelsChats.a, bob);

    patient.send({ content: "Hello, doctor!" });
    const echo = await patient.next((f) => f.message);
    const received = await professional.next((f) => f.message);

    expect(received).toEqual(echo);
    expect(received.message).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      content: "Hello, doctor!",
      sender_type: "patient",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
    });

    professional.send({ content: "Hello, how can I help you?" });
    const reply = await patient.next((f) => f.message);
    expect(reply.message).toMatchObject({
      content: "Hello, how can I help you?",
      sender_type: "professional",
    });
    patient.close();
    professional.close();
  });

  it("accepts the token in an Authorization header instead of the query", async () => {
    const probe = await WsProbe.open(`${ws}/ws/chat/${testChannelsChats.a}/`, {
      Authorization: `Bearer ${await server.token(bob)}`,
    });
    probe.send({ content: "via header" });
    expect((await probe.next((f) => f.message)).message.sender_type).toBe("professional");
    probe.close();
  });

  it("honours an explicit role the user holds and refuses one it does not", async () => {
    const probe = await join(testChannelsChats.a, alice);
    probe.send({ content: "as patient", role: "patient" });
    expect((await probe.next((f) => f.message)).message.sender_type).toBe("patient");
    probe.send({ content: "as provider", role: "provider" });
    expect((await probe.next((f) => f.error)).error).toMatch(/cannot send as provider/);
    probe.close();
  });

  it("keeps chats apart: a message in one chat never reaches another", async () => {
    const inA = await join(testChannelsChats.a, alice);
    const inB = await join(testChannelsChats.b, carol);
    inA.send({ content: "only for chat A" });
    await inA.next((f) => f.message?.content === "only for chat A");
    expect(await inB.none((f) => f.message?.content === "only for chat A")).toBe(true);
    inA.close();
    inB.close();
  });

  it("creates a chat once over REST and connects to it", async () => {
    const created = await rest("/chat/chats/", carol, {
      method: "POST",
      body: JSON.stringify({ professional: bob }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      patient: carol,
      professional: bob,
    });

    const again = await rest("/chat/chats/", bob, {
      method: "POST",
      body: JSON.stringify({ patient: carol }),
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);

    const probe = await join(created.body.id, carol);
    probe.send({ content: "new chat works" });
    expect((await probe.next((f) => f.message)).message.content).toBe("new chat works");
    probe.close();
  });

  it("lists the caller's chats with their latest message (extension)", async () => {
    const { status, body } = await rest("/chat/chats/", dave);
    expect(status).toBe(200);
    expect(body.map((c: { id: string }) => c.id)).toEqual([testChannelsChats.b]);
    expect(body[0]).toHaveProperty("last_message");
  });

  it("pages history newest first with Django REST framework links (extension)", async () => {
    const { body: chat } = await rest("/chat/chats/", dave, {
      method: "POST",
      body: JSON.stringify({ patient: alice }),
    });
    const probe = await join(chat.id, dave);
    for (let i = 1; i <= 5; i++) {
      probe.send({ content: `m${i}` });
      await probe.next((f) => f.message?.content === `m${i}`);
    }
    const first = await rest(`/chat/chats/${chat.id}/messages/?page_size=2`, alice);
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(5);
    expect(first.body.results.map((m: { content: string }) => m.content)).toEqual(["m5", "m4"]);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toContain("page=2");
    const last = await rest(`/chat/chats/${chat.id}/messages/?page=3&page_size=2`, alice);
    expect(last.body.results.map((m: { content: string }) => m.content)).toEqual(["m1"]);
    expect(last.body.next).toBeNull();
    probe.close();
  });
});
