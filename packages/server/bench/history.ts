// History page latency with 1k, 10k and 100k messages in one conversation: page 1 and the oldest
// page, over HTTP and in the store alone. One conversation per size, measured in interleaved
// rounds so that load from elsewhere on the machine falls on every size alike. Run with
// `pnpm bench`; it reports, it asserts nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase } from "../src/db/database.js";
import { MessageStore as FriendsStore } from "../src/dialects/friends-ws/store.js";
import { participantOf } from "../src/dialects/rooms-ws/participants.js";
import { RoomsStore } from "../src/dialects/rooms-ws/store.js";
import type { ParleyServer } from "../src/server.js";
import { testFixtures, testUsers } from "../src/testing/fixtures.js";
import { startTestServer } from "../src/testing/start-test-server.js";

const SIZES = [1_000, 10_000, 100_000] as const;
const PAGE = 50;
/** Rounds over HTTP, and in the store alone (cheaper, so more of them); each figure is a median. */
const HTTP_ROUNDS = 200;
const STORE_ROUNDS = 2000;
const LEGACY_CALLS = 9;
const { alice, bob, carol, dave } = testUsers;
const text = (i: number) => `Message number ${i}: the quick brown fox jumps over the lazy dog.`;

/** One conversation of a given size: its pages in the store and over HTTP. */
interface Conversation {
  /** The same page by the SQL used before positions, where there is one to compare with. */
  legacy?(oldest: boolean): unknown;
  /** Page 1 or the oldest page in the store alone: the SQL a request runs. */
  store(oldest: boolean): unknown;
  /** The same page over HTTP, as a client asks for it. */
  http(oldest: boolean): Promise<unknown>;
}

async function get(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

/** The SQL friends-ws ran for a page before positions: OFFSET over an OR'd pair, then a COUNT. */
function legacy(db: Database, a: string, b: string, skip: number): unknown {
  const pair = `is_deleted = 0 AND ((sender_id = @a AND receiver_id = @b) OR (sender_id = @b AND receiver_id = @a))`;
  const page = db.prepare(
    `SELECT * FROM friends_ws_messages WHERE ${pair} ORDER BY seq DESC LIMIT @limit OFFSET @skip`,
  );
  const count = db.prepare(`SELECT COUNT(*) AS n FROM friends_ws_messages WHERE ${pair}`);
  return [page.all({ a, b, skip, limit: PAGE }), count.get({ a, b })];
}

/** friends-ws, `GET /messages/history/{friend}?skip&limit` (`total` on every page). */
async function friendsWs(server: ParleyServer, db: Database): Promise<Conversation[]> {
  const store = new FriendsStore(db);
  const pairs = [
    [bob, dave],
    [alice, carol],
    [alice, bob],
  ] as const;
  const conversations: Conversation[] = [];
  for (const [index, n] of SIZES.entries()) {
    const [me, friend] = pairs[index] as (typeof pairs)[number];
    const now = new Date().toISOString();
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        store.insert({
          message_id: `bench-${n}-${i}`,
          sender_id: i % 2 ? me : friend,
          receiver_id: i % 2 ? friend : me,
          content: text(i),
          status: "read", // so reading a page changes nothing: every call does the same work
          now,
        });
      }
    })();
    const token = await server.token(me);
    const base = `${server.url("friends-ws")}/api/v1/chat/messages/history/${friend}`;
    const skip = (oldest: boolean) => (oldest ? n - PAGE : 0);
    conversations.push({
      legacy: (oldest) => legacy(db, me, friend, skip(oldest)),
      store: (oldest) => [store.page(me, friend, skip(oldest), PAGE), store.count(me, friend)],
      http: (oldest) => get(`${base}?skip=${skip(oldest)}&limit=${PAGE}`, token),
    });
  }
  return conversations;
}

/** rooms-ws, `GET /chats/{id}/messages?page&page_size` (`total` and `pages` on every page). */
async function roomsWs(server: ParleyServer, db: Database): Promise<Conversation[]> {
  const store = new RoomsStore(db, server.directory, Date.now);
  const [customer, staff] = [alice, bob].map((id) => {
    const user = server.directory.user(id);
    const participant = user && participantOf(user);
    if (!participant) throw new Error(`no rooms-ws participant ${id}`);
    return participant;
  }) as [
    NonNullable<ReturnType<typeof participantOf>>,
    NonNullable<ReturnType<typeof participantOf>>,
  ];
  const token = await server.token(alice);
  const conversations: Conversation[] = [];
  for (const n of SIZES) {
    const chatId = store.createChat(`bench ${n}`, staff, [customer], Date.now());
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const message = {
          content: text(i),
          message_type: "text",
          media_url: null,
          reply_to_id: null,
        };
        store.insertMessage(chatId, i % 2 ? customer : staff, message, Date.now());
      }
    })();
    const base = `${server.url("rooms-ws")}/api/v1/chat/chats/${chatId}/messages`;
    const page = (oldest: boolean) => (oldest ? Math.ceil(n / PAGE) : 1);
    conversations.push({
      store: (oldest) => [
        store.messagesPage(chatId, PAGE, (page(oldest) - 1) * PAGE),
        store.countMessages(chatId),
      ],
      http: (oldest) => get(`${base}?page=${page(oldest)}&page_size=${PAGE}`, token),
    });
  }
  return conversations;
}

/** Medians (ms) of each conversation's four figures, taken in interleaved rounds. */
async function measure(conversations: Conversation[]): Promise<number[][]> {
  const calls = (c: Conversation) => [
    { rounds: HTTP_ROUNDS, call: () => c.http(false) },
    { rounds: HTTP_ROUNDS, call: () => c.http(true) },
    { rounds: STORE_ROUNDS, call: () => c.store(false) },
    { rounds: STORE_ROUNDS, call: () => c.store(true) },
  ];
  const table = conversations.map(calls);
  const times = table.map((row) => row.map(() => [] as number[]));
  for (let round = -20; round < STORE_ROUNDS; round++) {
    for (const [c, row] of table.entries()) {
      for (const [f, { rounds, call }] of row.entries()) {
        if (round >= rounds) continue;
        const start = performance.now();
        await call();
        if (round >= 0) times[c]?.[f]?.push(performance.now() - start);
      }
    }
  }
  return times.map((row) =>
    row.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] as number),
  );
}

/**
 * The SQL of before in the store alone, for comparison in the same run: with the index it had
 * (created for the comparison, dropped after), a few calls each, since they are slow.
 */
async function compare(db: Database, conversations: Conversation[]): Promise<void> {
  db.exec("CREATE INDEX bench_pair ON friends_ws_messages (sender_id, receiver_id, seq)");
  const median = (call: () => unknown) => {
    const times = Array.from({ length: LEGACY_CALLS }, () => {
      const start = performance.now();
      call();
      return performance.now() - start;
    });
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
  };
  const rows = conversations.map((c) => [
    median(() => c.legacy?.(false)),
    median(() => c.legacy?.(true)),
  ]);
  db.exec("DROP INDEX bench_pair");
  const [small, large] = [rows[0] as number[], rows[rows.length - 1] as number[]];
  const cells = rows.map(
    ([p1, old], i) => `${SIZES[i]?.toLocaleString("en")}: ${p1?.toFixed(2)} / ${old?.toFixed(2)}`,
  );
  console.log(
    `    before (OFFSET over the OR'd pair + COUNT), store page 1 / oldest, ms: ${cells.join("; ")}`,
  );
  console.log(
    `    before, ratio 100k/1k: page 1 ${((large[0] as number) / (small[0] as number)).toFixed(1)}x, oldest ${((large[1] as number) / (small[1] as number)).toFixed(1)}x`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "parley-bench-"));
const file = join(dir, "history.db");
const server = await startTestServer({
  dialects: ["friends-ws", "rooms-ws"],
  db: file,
  profile: "seed",
  fixtures: {
    ...testFixtures,
    friendships: [...(testFixtures.friendships ?? []), { a: bob, b: dave }],
  },
});
try {
  console.log(
    `history: page of ${PAGE}; median ms of ${HTTP_ROUNDS} HTTP requests / ${STORE_ROUNDS} store calls per figure; SQLite file, WAL`,
  );
  const db = openDatabase(file);
  const dialects = [
    { name: "friends-ws (skip/limit, total)", conversations: await friendsWs(server, db) },
    { name: "rooms-ws (page/page_size, total, pages)", conversations: await roomsWs(server, db) },
  ];
  for (const { name, conversations } of dialects) {
    console.log(`  ${name}`);
    const figures = await measure(conversations);
    for (const [index, n] of SIZES.entries()) {
      const [h1, hOld, s1, sOld] = (figures[index] as number[]).map((ms) =>
        ms.toFixed(3).padStart(6),
      );
      console.log(
        `    ${n.toLocaleString("en").padStart(7)} msgs: HTTP page 1 ${h1}, oldest ${hOld} | store page 1 ${s1}, oldest ${sOld}`,
      );
    }
    const small = figures[0] as number[];
    const large = figures[SIZES.length - 1] as number[];
    const ratio = (i: number) => `${((large[i] as number) / (small[i] as number)).toFixed(2)}x`;
    console.log(
      `    ratio 100k/1k: HTTP page 1 ${ratio(0)}, oldest ${ratio(1)} | store page 1 ${ratio(2)}, oldest ${ratio(3)}`,
    );
    if (conversations.every((c) => c.legacy)) await compare(db, conversations);
  }
  db.close();
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
