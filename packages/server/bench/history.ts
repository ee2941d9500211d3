// History page latency at 1k, 10k and 100k messages in one conversation: page 1 and the oldest
// page, over HTTP and in the store alone. Run with `pnpm bench`; it reports, it asserts nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/db/database.js";
import { MessageStore as FriendsStore } from "../src/dialects/friends-ws/store.js";
import { participantOf } from "../src/dialects/rooms-ws/participants.js";
import { RoomsStore } from "../src/dialects/rooms-ws/store.js";
import type { ParleyServer } from "../src/server.js";
import { testUsers } from "../src/testing/fixtures.js";
import { startTestServer } from "../src/testing/start-test-server.js";

const SIZES = [1_000, 10_000, 100_000];
const PAGE = 50;
const RUNS = 200;
const { alice, bob } = testUsers;

/** Median of `RUNS` calls after a warm-up, in ms. */
async function median(call: () => unknown): Promise<number> {
  for (let i = 0; i < 20; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

interface Dialect {
  name: string;
  /** Adds messages to the one conversation until it holds `n`. */
  fill(n: number): void;
  /** Page 1 and the oldest page in the store alone (the SQL a request runs). */
  store(oldest: boolean, n: number): unknown;
  /** The same page over HTTP, as a client asks for it. */
  http(oldest: boolean, n: number): Promise<unknown>;
}

async function get(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

/** friends-ws, `GET /messages/history/{friend}?skip&limit`: the page the old OR'd OFFSET served. */
async function friendsWs(server: ParleyServer, file: string): Promise<Dialect> {
  const db = openDatabase(file);
  const store = new FriendsStore(db);
  const token = await server.token(alice);
  const base = `${server.url("friends-ws")}/api/v1/chat/messages/history/${bob}`;
  let count = 0;
  return {
    name: "friends-ws (skip/limit, total)",
    fill(n) {
      const now = new Date().toISOString();
      db.transaction(() => {
        for (; count < n; count++) {
          const [sender, receiver] = count % 2 ? [alice, bob] : [bob, alice];
          store.insert({
            message_id: `bench-${count}`,
            sender_id: sender,
            receiver_id: receiver,
            content: `Message number ${count}: the quick brown fox jumps over the lazy dog.`,
            status: "read", // so reading a page changes nothing: every run does the same work
            now,
          });
        }
      })();
    },
    store: (oldest, n) => [
      store.page(alice, bob, oldest ? n - PAGE : 0, PAGE),
      store.count(alice, bob),
    ],
    http: (oldest, n) => get(`${base}?skip=${oldest ? n - PAGE : 0}&limit=${PAGE}`, token),
  };
}

/** rooms-ws, `GET /chats/1/messages?page&page_size`: total and pages on every page. */
async function roomsWs(server: ParleyServer, file: string): Promise<Dialect> {
  const db = openDatabase(file);
  const store = new RoomsStore(db, server.directory, Date.now);
  const token = await server.token(alice);
  const base = `${server.url("rooms-ws")}/api/v1/chat/chats/1/messages`;
  const members = [alice, bob].map((id) => {
    const user = server.directory.user(id);
    const participant = user && participantOf(user);
    if (!participant) throw new Error(`no rooms-ws participant ${id}`);
    return participant;
  });
  let count = 0;
  const last = (n: number) => Math.ceil(n / PAGE);
  return {
    name: "rooms-ws (page/page_size, total, pages)",
    fill(n) {
      db.transaction(() => {
        for (; count < n; count++) {
          const sender = members[count % 2] as (typeof members)[number];
          const text = `Message number ${count}: the quick brown fox jumps over the lazy dog.`;
          const message = {
            content: text,
            message_type: "text",
            media_url: null,
            reply_to_id: null,
          };
          store.insertMessage(1, sender, message, Date.now());
        }
      })();
    },
    store: (oldest, n) => [
      store.messagesPage(1, PAGE, ((oldest ? last(n) : 1) - 1) * PAGE),
      store.countMessages(1),
    ],
    http: (oldest, n) => get(`${base}?page=${oldest ? last(n) : 1}&page_size=${PAGE}`, token),
  };
}

const dir = mkdtempSync(join(tmpdir(), "parley-bench-"));
const file = join(dir, "history.db");
const server = await startTestServer({
  dialects: ["friends-ws", "rooms-ws"],
  db: file,
  profile: "seed",
});
try {
  console.log(`history: page of ${PAGE}, median of ${RUNS} requests (ms); SQLite file, WAL`);
  for (const dialect of [await friendsWs(server, file), await roomsWs(server, file)]) {
    console.log(`  ${dialect.name}`);
    const figures = new Map<number, number[]>();
    for (const n of SIZES) {
      dialect.fill(n);
      const row = [
        await median(() => dialect.http(false, n)),
        await median(() => dialect.http(true, n)),
        await median(() => dialect.store(false, n)),
        await median(() => dialect.store(true, n)),
      ];
      figures.set(n, row);
      const [h1, hOld, s1, sOld] = row.map((ms) => ms.toFixed(3).padStart(7));
      console.log(
        `    ${String(n).padStart(7)} msgs: HTTP page 1 ${h1}, oldest ${hOld} | store page 1 ${s1}, oldest ${sOld}`,
      );
    }
    const small = figures.get(SIZES[0] as number) as number[];
    const large = figures.get(SIZES[SIZES.length - 1] as number) as number[];
    const ratio = (i: number) => `${((large[i] as number) / (small[i] as number)).toFixed(2)}x`;
    console.log(
      `    ratio 100k/1k: HTTP page 1 ${ratio(0)}, oldest ${ratio(1)} | store page 1 ${ratio(2)}, oldest ${ratio(3)}`,
    );
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
