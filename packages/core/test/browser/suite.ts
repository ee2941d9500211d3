// What every browser test file shares: a reference server (friends-ws) in Node, the harness page
// served on one origin with it, and Chromium. The server is started per file, as the adapter
// tests do, because these tests stop, restart and pause it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParleyServer } from "@parley/server";
import { startTestServer, testUsers } from "@parley/server/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { launch, launchPersistent } from "./chromium.js";
import type { StartOptions } from "./harness.js";
import { type HarnessServer, startHarnessServer } from "./harness-server.js";

export const { alice, bob } = testUsers;

export interface Suite {
  server: ParleyServer;
  harness: HarnessServer;
  browser: Browser;
  /** A fresh profile (its own IndexedDB), optionally persistent in `dir`. */
  context(): Promise<BrowserContext>;
  /** A page of `context` with the harness loaded and a client started as `user`. */
  open(context: BrowserContext, options?: Partial<StartOptions>): Promise<Page>;
  startOptions(options?: Partial<StartOptions>): Promise<StartOptions>;
  /** A temporary profile directory for `launchPersistent`. */
  profile(): Promise<string>;
  /** Bob sends alice a message over REST. */
  post(text: string, from?: string, to?: string): Promise<void>;
  /** The conversation as the server has it, oldest first. */
  history(user?: string, friend?: string): Promise<string[]>;
}

export function useSuite(): Suite {
  const suite = {} as Suite;
  const dirs: string[] = [];
  beforeAll(async () => {
    suite.server = await startTestServer({ dialects: ["friends-ws"] });
    suite.harness = await startHarnessServer(inject("harness"), suite.server.url("friends-ws"));
    suite.browser = await launch();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.harness?.close();
    await suite.server?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  suite.context = () => suite.browser.newContext();
  suite.profile = async () => {
    const dir = await mkdtemp(join(tmpdir(), "parley-profile-"));
    dirs.push(dir);
    return dir;
  };
  suite.startOptions = async (options = {}) => ({
    user: alice,
    token: await suite.server.token(options.user ?? alice),
    conversation: bob,
    ...options,
  });
  suite.open = async (context, options = {}) => {
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error("page error:", error));
    await page.goto(suite.harness.origin);
    await page.evaluate((o) => window.parley.start(o), await suite.startOptions(options));
    return page;
  };
  suite.post = async (text, from = bob, to = alice) => {
    const response = await fetch(`${suite.server.url("friends-ws")}/api/v1/chat/messages/`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await suite.server.token(from)}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ receiver_id: to, content: text }),
    });
    if (response.status !== 200) throw new Error(`post answered ${response.status}`);
  };
  suite.history = async (user = alice, friend = bob) => {
    const response = await fetch(
      `${suite.server.url("friends-ws")}/api/v1/chat/messages/history/${friend}?limit=100`,
      { headers: { authorization: `Bearer ${await suite.server.token(user)}` } },
    );
    const body = (await response.json()) as { messages: Array<{ content: string }> };
    return body.messages.map((m) => m.content).reverse();
  };
  return suite;
}

export { launchPersistent };

/** Waits until `test` (run in the page, with `arg`) is truthy. */
export async function until<A>(
  page: Page,
  test: (arg: A) => unknown,
  arg: A,
  timeout = 10_000,
): Promise<void> {
  // Playwright's argument types unbox handles; plain values pass through unchanged.
  await page.waitForFunction(test as (arg: unknown) => unknown, arg, { timeout, polling: 50 });
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
