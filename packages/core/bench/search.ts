// Search benchmark: 100,000 messages in 100 conversations go through the store into the search
// index (in background tasks, as an app would have them), then: how long indexing took, the time
// to the first page of results for a few kinds of query (the first query after indexing also
// merges the new words into the sorted vocabulary), and the heap the index holds per message.
// Run with `pnpm bench` (PARLEY_BENCH_ONLY=search for this one); it reports, it asserts nothing.
import type { Message } from "../src/model.js";
import { LocalSearch } from "../src/search/local-search.js";
import { benchClient, heap, tick } from "./support.js";

const TOTAL = Number(process.env.PARLEY_BENCH_SEARCH_N ?? 100_000);
const CONVERSATIONS = 100;

/** A deterministic generator (mulberry32), so every run indexes the same texts. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(12);
const syllables = [
  "ka",
  "lo",
  "mi",
  "ne",
  "ru",
  "sa",
  "ti",
  "vo",
  "pe",
  "da",
  "gu",
  "ré",
  "çà",
  "ün",
  "zo",
];
// 20,000 words; drawn with a Zipf-like skew, as words in chat are.
const words = Array.from({ length: 20_000 }, (_, i) => {
  let word = "";
  for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) {
    word += syllables[n % syllables.length];
  }
  return word;
});
const common = ["the", "and", "meeting", "tomorrow", "invoice", "thanks", "please", "call"];
const cjk = ["東京", "会議", "明日", "请", "发票", "谢谢", "今天", "ミーティング"];
const word = () => {
  const r = next();
  if (r < 0.3) return common[Math.floor(next() * common.length)] as string;
  return words[Math.floor(words.length * next() ** 3)] as string;
};

function text(i: number): string {
  if (i % 10 === 9) {
    return Array.from(
      { length: 4 + Math.floor(next() * 6) },
      () => cjk[Math.floor(next() * cjk.length)],
    ).join("");
  }
  const length = 5 + Math.floor(next() * 12);
  return Array.from({ length }, word).join(" ");
}

function message(i: number): Message {
  const conversationId = `c${i % CONVERSATIONS}`;
  return {
    clientId: `id:m${i}`,
    id: `m${i}`,
    conversationId,
    senderId: i % 3 ? "friend" : "me",
    text: text(i),
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    status: "read",
  };
}

const { client: plain, emit } = benchClient();
const messages = Array.from({ length: TOTAL }, (_, i) => message(i));
// Everything is in the store before search starts: what is measured is the index alone.
for (let i = 0; i < TOTAL; i++) {
  emit({ type: "message", message: messages[i] as Message });
  if (i % 1000 === 999) await tick();
}
await tick();
const before = heap();
const started = performance.now();
// Background tasks at 0 ms here: the delay only spreads the work in an app.
const timers = {
  setTimeout: (fn: () => void) => setImmediate(fn),
  clearTimeout: (handle: unknown) => clearImmediate(handle as NodeJS.Immediate),
};
const engine = new LocalSearch(plain, { timers, segmenter: null, batchSize: 500 });
let tasks = 0;
while (engine.indexing) {
  await tick();
  tasks += 1;
}
const indexedMs = performance.now() - started;
const after = heap();

const time = async (query: string, options: object = {}) => {
  const t0 = performance.now();
  const result = await engine.search(query, { limit: 20, ...options });
  return { ms: performance.now() - t0, hits: result.hits.length };
};
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

console.log(
  `search: ${TOTAL.toLocaleString("en")} messages in ${CONVERSATIONS} conversations, 20 hits per page`,
);
console.log(
  `  indexing in ${tasks} background tasks of 500: ${indexedMs.toFixed(0)} ms (${Math.round((TOTAL / indexedMs) * 1000).toLocaleString("en")} msg/s; ${engine.index.words.toLocaleString("en")} words)`,
);
const first = await time("meeting");
console.log(
  `  first query after indexing ("meeting", merges the vocabulary): ${first.ms.toFixed(1)} ms, ${first.hits} hits`,
);
const queries: Array<[string, string, object?]> = [
  ["common word", "invoice"],
  ["two common words", "meeting tomorrow"],
  ["rare word", words[15_000] as string],
  ["prefix of 2", "ka"],
  ["accents folded", "RE"],
  ["CJK pair", "会議"],
  ["one conversation", "thanks", { conversationId: "c42" }],
  ["no match", "qqqq"],
];
for (const [label, query, options] of queries) {
  const runs: number[] = [];
  let hits = 0;
  for (let i = 0; i < 9; i++) {
    const run = await time(query, options);
    runs.push(run.ms);
    hits = run.hits;
  }
  console.log(
    `  ${label.padEnd(17)} ${JSON.stringify(query).padEnd(20)} first page in ${median(runs).toFixed(2).padStart(7)} ms (median of 9), ${hits} hits`,
  );
}
console.log(
  gc
    ? `  index heap: ${Math.round((after - before) / TOTAL)} B/msg (${((after - before) / 1024 / 1024).toFixed(1)} MB)`
    : "  index heap: needs --expose-gc",
);
engine.dispose();
plain.destroy();
