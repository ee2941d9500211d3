// What the benchmarks share: a client whose adapter the bench speaks for, heap and task helpers,
// and a Chromium page on the browser test harness.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import type { AdapterContext, AdapterEvent, ChatAdapter } from "../src/adapter.js";
import { noCapabilities } from "../src/capabilities.js";
import { type ChatClient, createChatClient } from "../src/client.js";
import { launch } from "../test/browser/chromium.js";
import { buildHarness, startHarnessServer } from "../test/browser/harness-server.js";

/**
 * A client over an adapter that is ready at once, sends nothing anywhere and lets the bench
 * emit what a server would: what is measured is the client alone.
 */
export function benchClient(): { client: ChatClient; emit(event: AdapterEvent): void } {
  let context: AdapterContext | undefined;
  const adapter: ChatAdapter = {
    name: "bench",
    capabilities: noCapabilities,
    createSession(c) {
      context = c;
      return { connect: async () => {}, disconnect() {}, send: async () => null };
    },
  };
  const client = createChatClient({ adapter, url: "http://bench.invalid", auth: "x" });
  return { client, emit: (event) => context?.emit(event) };
}

/** Node's `gc`, when run with --expose-gc. */
export const gc = (globalThis as { gc?: () => void }).gc;

/** The heap in use, after a collection when `gc` is exposed. */
export function heap(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** Resolves in the next event-loop task. */
export const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `bench` on a page of the browser test harness in Debian's Chromium (or PARLEY_CHROMIUM),
 * then closes the browser and the harness's server.
 */
export async function onHarnessPage(bench: (page: Page) => Promise<void>): Promise<void> {
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
    await bench(page);
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
