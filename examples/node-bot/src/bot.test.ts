import { createChatClient } from "@parley/core";
import { friendsWs } from "@parley/core/adapters/friends-ws";
import { roomsWs } from "@parley/core/adapters/rooms-ws";
import type { ParleyServer } from "@parley/server";
import { startTestServer, testUsers } from "@parley/server/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startBot } from "./bot.js";

let server: ParleyServer;
beforeAll(async () => {
  server = await startTestServer({ dialects: ["friends-ws", "rooms-ws"] });
});
afterAll(() => server.close());

function until<T>(read: () => T | undefined, ms = 8000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = read();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error("timed out"));
      setTimeout(poll, 20);
    };
    poll();
  });
}

it.each([
  ["friends-ws", () => friendsWs(), testUsers.bob, testUsers.alice, testUsers.bob],
  ["rooms-ws", () => roomsWs({ participant: "customer" }), testUsers.bob, testUsers.alice, "1"],
] as const)("answers a message on %s", async (dialect, adapter, botUser, human, conversation) => {
  const url = server.url(dialect);
  const botAdapter = dialect === "rooms-ws" ? roomsWs({ participant: "user" }) : adapter();
  const bot = createChatClient({
    adapter: botAdapter,
    url,
    auth: await server.token(botUser),
    WebSocket,
  });
  const stop = startBot(bot, (text) => `You said: ${text}`);
  bot.connect();
  const person = createChatClient({
    adapter: adapter(),
    url,
    auth: await server.token(human),
    WebSocket,
  });
  person.connect();
  await until(() => (person.getState().connection.status === "connected" ? true : undefined));
  await until(() => (bot.getState().connection.status === "connected" ? true : undefined));
  await person.openConversation(conversation);
  await new Promise((r) => setTimeout(r, 200)); // the bot joins its chats after connecting
  person.send(conversation, "ping?");
  const reply = await until(() =>
    person.getState().threads[conversation]?.messages.find((m) => m.text === "You said: ping?"),
  );
  expect(reply.senderId).not.toBe(person.getState().me);
  // One answer only, even though the bot also sees its own reply come back.
  await new Promise((r) => setTimeout(r, 300));
  const answers = person
    .getState()
    .threads[conversation]?.messages.filter((m) => m.text.startsWith("You said"));
  expect(answers).toHaveLength(1);
  stop();
  bot.destroy();
  person.destroy();
});
