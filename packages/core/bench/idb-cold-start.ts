// Cold-start benchmark in Chromium: time from creating the client to the last 50 messages of a
// 10,000-message cached conversation being in the store. Run with `pnpm bench`; it reports, it
// asserts nothing. Needs Debian's Chromium (or PARLEY_CHROMIUM).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../test/browser/chromium.js";
import { buildHarness, startHarnessServer } from "../test/browser/harness-server.js";

const MESSAGES = 10_000;
const RUNS = 7;
const USER = "bench-user";
const CONVERSATION = "bench-friend";

const dir = await mkdtemp(join(tmpdir(), "parley-bench-"));
const bundle = await buildHarness(
  join(dir, "harness.js"),
  fileURLToPath(new URL("../test/browser/harness.ts", import.meta.url)),
);
const server = await startHarnessServer(bundle);
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(server.origin);
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
} finally {
  await browser.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
