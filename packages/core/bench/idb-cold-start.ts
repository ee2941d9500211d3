// Cold-start benchmark in Chromium: time from creating the client to the last 50 messages of a
// 10,000-message cached conversation being in the store. Run with `pnpm bench`; it reports, it
// asserts nothing. Needs Debian's Chromium (or PARLEY_CHROMIUM).
import { onHarnessPage } from "./support.js";

const MESSAGES = 10_000;
const RUNS = 7;
const USER = "bench-user";
const CONVERSATION = "bench-friend";

await onHarnessPage(async (page) => {
  await page.evaluate(([u, c, n]) => window.parley.seed(u, c, n), [
    USER,
    CONVERSATION,
    MESSAGES,
  ] as const);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload(); // a fresh page: nothing in memory, the database on disk
    times.push(
      await page.evaluate(([u, c]) => window.parley.coldStart(u, c), [USER, CONVERSATION] as const),
    );
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  console.log(
    `cold start from the IndexedDB cache: last 50 of ${MESSAGES.toLocaleString("en")} cached messages in the store in ${median.toFixed(1)} ms (median of ${RUNS} page loads in Chromium; min ${(sorted[0] as number).toFixed(1)} ms, max ${(sorted.at(-1) as number).toFixed(1)} ms)`,
  );
});
