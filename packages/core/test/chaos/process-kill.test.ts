// Process-kill chaos, every dialect: the reference server runs as a child process on a SQLite
// file and is killed with SIGKILL three times while two clients exchange messages, then started
// again on the same port and file. Afterwards each client's store holds the server's history,
// in its order, nothing twice; every message the server does not hold is shown to its sender as
// not confirmed or failed (decision 0002), never silently gone.
import { type DialectName, TokenService } from "@parley/server";
import { TEST_JWT_SECRET, testFixtures, testProfile } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { ServerProcess } from "@parley/test-kit/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { HistoryPage } from "../../src/adapter.js";
import { type ChatClient, createChatClient } from "../../src/client.js";
import { defaultRandom, defaultTimers } from "../../src/environment.js";
import type { Message } from "../../src/model.js";
import { emptyThread, threadMessages } from "../../src/thread.js";
import { account, confirmedLines, type Ledger } from "./ledger.js";
import { type Side, scenarios } from "./scenarios.js";
import { bundleServerCli, type ServerCli } from "./server-cli.js";

const KILLS = 3;
/** Messages each client queues per round; the server dies once `round + 1` of them are stored. */
const BURST = 4;
/** Messages each client sends while the server is dead. */
const WHILE_DOWN = 2;

const tokens = new TokenService(TEST_JWT_SECRET);
const profile = testProfile();
const pairs = scenarios(profile, tokens);
let cli: ServerCli;
beforeAll(async () => {
  cli = await bundleServerCli();
});
afterAll(() => cli?.remove());

const shown = (client: ChatClient, side: Side): readonly Message[] =>
  threadMessages(client.getState().threads[side.conversation] ?? emptyThread);

/** The server's history of the conversation, oldest first, read page by page as `side`. */
async function serverHistory(url: string, side: Side): Promise<Message[]> {
  const token = await side.token();
  const session = side.adapter().createSession({
    url,
    token: async () => token,
    fetch: (...args) => fetch(...args),
    WebSocket,
    emit: () => {},
    timers: defaultTimers,
    random: defaultRandom,
  });
  await session.connect();
  try {
    const pages: Message[][] = [];
    let cursor: string | null = null;
    do {
      const page: HistoryPage = await (session.history?.(side.conversation, cursor, 100) ??
        Promise.reject(new Error("no history")));
      pages.unshift(page.messages);
      cursor = page.cursor;
    } while (cursor !== null);
    return pages.flat();
  } finally {
    session.disconnect();
  }
}

/** Waits until `test` holds for every client (each with its side). */
function everyClient(
  clients: readonly ChatClient[],
  sides: readonly Side[],
  test: (messages: readonly Message[], client: ChatClient) => boolean,
  timeoutMs: number,
  what: string,
): Promise<unknown> {
  return Promise.all(
    clients.map((client, i) =>
      waitFor(client, () => test(shown(client, sides[i] as Side), client), timeoutMs, what),
    ),
  );
}

describe.each(Object.keys(pairs) as DialectName[])("%s: SIGKILL mid-chat", (dialect) => {
  it(`${KILLS} kills: 0 lost, 0 doubled, every store equals the server's history`, async () => {
    const sides = pairs[dialect];
    const server = await ServerProcess.start({
      command: cli.command,
      dialect,
      profile,
      fixtures: testFixtures,
      jwtSecret: TEST_JWT_SECRET,
    });
    const clients = sides.map((side) =>
      createChatClient({
        adapter: side.adapter(),
        url: server.url,
        auth: () => side.token(),
        WebSocket,
        backoff: { min: 50, max: 500 },
        outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
      }),
    );
    const sent: string[][] = sides.map(() => []);
    const send = (i: number, label: string) => {
      const text = `${dialect} ${i === 0 ? "a" : "b"} ${label}`;
      sent[i]?.push(text);
      clients[i]?.send(sides[i]?.conversation ?? "", text);
    };
    const allConnected = () =>
      everyClient(
        clients,
        sides,
        (_, c) => c.getState().connection.status === "connected",
        15_000,
        "connected",
      );
    try {
      for (const client of clients) client.connect();
      await allConnected();
      await Promise.all(clients.map((c, i) => c.openConversation(sides[i]?.conversation ?? "")));

      for (let round = 0; round < KILLS; round++) {
        for (let n = 0; n < BURST; n++) for (const i of [0, 1]) send(i, `r${round} m${n}`);
        // Mid-exchange: each client has some of the round stored and the next one in flight.
        const ofRound = (m: Message) => m.id !== undefined && m.text.includes(` r${round} `);
        const under = (messages: readonly Message[]) => messages.filter(ofRound).length > round;
        await everyClient(clients, sides, under, 15_000, `round ${round} under way`);
        await server.kill();
        for (let n = 0; n < WHILE_DOWN; n++) for (const i of [0, 1]) send(i, `r${round} down${n}`);
        await server.restart();
        await allConnected();
      }
      for (const i of [0, 1]) send(i, "last");

      // Every send settles: stored, or shown as not confirmed or failed.
      const settled = (messages: readonly Message[]) =>
        !messages.some((m) => m.status === "pending");
      await everyClient(clients, sides, settled, 20_000, "every send settled");
      const history = await serverHistory(server.url, sides[0]);
      const truth = confirmedLines(history);
      // The other side may still be catching up; then the store must equal the history.
      const caughtUp = (messages: readonly Message[]) =>
        confirmedLines(messages).join("\n") === truth.join("\n");
      await everyClient(clients, sides, caughtUp, 10_000, "history").catch(() => undefined);
      const ledgers: Ledger[] = clients.map((client, i) =>
        account(sent[i] ?? [], shown(client, sides[i] as Side), history),
      );
      // The accounts, when they do not add up: which sends went missing or twice.
      if (ledgers.some((l) => l.lost.length > 0 || l.doubled.length > 0))
        console.info(dialect, JSON.stringify(ledgers));
      for (const [i, client] of clients.entries()) {
        const lines = confirmedLines(shown(client, sides[i] as Side));
        if (lines.join("\n") !== truth.join("\n"))
          // Times and statuses say which path put a message out of place.
          console.info(dialect, i, shown(client, sides[i] as Side), history);
        expect(lines).toEqual(truth);
        expect(ledgers[i]?.lost).toEqual([]);
        expect(ledgers[i]?.doubled).toEqual([]);
      }
      const total = sent.flat().length;
      const ledgerTotal = ledgers.reduce((sum, l) => sum + l.stored + l.reported, 0);
      expect(ledgerTotal).toBe(total);
    } finally {
      for (const client of clients) client.destroy();
      await server.close();
    }
  }, 40_000);
});
