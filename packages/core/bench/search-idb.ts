// Search benchmark in Chromium: 100,000 messages cached in IndexedDB with their words; from
// creating the client (offline) to the first page of results, for a rare and a common query;
// the bytes IndexedDB spends on the words per message; and the in-memory index over 100,000
// messages in the page. Run with `pnpm bench` (PARLEY_BENCH_ONLY=search-idb); it reports, it
// asserts nothing. Needs Debian's Chromium (or PARLEY_CHROMIUM).
import { onHarnessPage } from "./support.js";

const MESSAGES = Number(process.env.PARLEY_BENCH_SEARCH_N ?? 100_000);
const RUNS = 5;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
await onHarnessPage(async (page) => {
  // Two caches of the same messages, without and with their words: the difference is the index.
  const usage0 = await page.evaluate(() => window.parley.usage());
  await page.evaluate(([n]) => window.parley.seed("plain", "friend", n, false), [
    MESSAGES,
  ] as const);
  const usage1 = await page.evaluate(() => window.parley.usage());
  await page.evaluate(([n]) => window.parley.seed("words", "friend", n, true), [MESSAGES] as const);
  const usage2 = await page.evaluate(() => window.parley.usage());
  const perMessage = (usage2 - usage1 - (usage1 - usage0)) / MESSAGES;
  console.log(
    `search in Chromium: ${MESSAGES.toLocaleString("en")} cached messages (one conversation), offline`,
  );
  console.log(
    `  IndexedDB: ${Math.round((usage1 - usage0) / MESSAGES)} B/msg without words, ${Math.round((usage2 - usage1) / MESSAGES)} B/msg with them: the words cost about ${Math.round(perMessage)} B/msg (navigator.storage.estimate)`,
  );
  for (const [label, query] of [
    ["rare word (1 hit)", `word${Math.floor(MESSAGES / 3)}`],
    ["prefix (11 hits)", `word${Math.floor(MESSAGES / 30)}`],
    ["common word (all)", "fox"],
  ] as const) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < RUNS; i++) {
      await page.reload(); // nothing in memory: the store is filled from the cache, search asks it
      const run = await page.evaluate(([u, q]) => window.parley.searchColdStart(u, q), [
        "words",
        query,
      ] as const);
      times.push(run.ms);
      hits = run.hits;
    }
    console.log(
      `  ${label.padEnd(18)} from creating the client to the first page: ${median(times).toFixed(0).padStart(6)} ms (median of ${RUNS} page loads; ${hits} shown)`,
    );
  }
  await page.reload();
  const memory = await page.evaluate(([n]) => window.parley.searchMemory(n, "quick fox"), [
    MESSAGES,
  ] as const);
  console.log(
    `  in memory in the page: ${MESSAGES.toLocaleString("en")} messages indexed in ${memory.indexMs.toFixed(0)} ms; first page of "quick fox" (every message matches) in ${memory.ms.toFixed(1)} ms`,
  );
});
