import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ParleyServer, startServer } from "@parley/server";
import { testProfile } from "@parley/server/testing";
import type { Browser, BrowserContext } from "playwright-core";
import { inject } from "vitest";
import { makeDemoConfig } from "../../examples/custom-ui/demo/make-demo-config.js";
import { launchChromium } from "./chromium.js";
import { restGet } from "./rest-history.js";
import { ALICE, BOB, type Dialect, scenarios } from "./scenarios.js";
import { rememberDatabase } from "./stored-history.js";
import { WidgetPage } from "./widget-page.js";

const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));
/** What tells a field profile's artifacts apart from the seed profile's. */
export const suffix = (server: ParleyServer) => (server.profile === "field" ? "-field" : "");

export type DemoUser = "alice" | "bob";
const ids: Record<DemoUser, string> = { alice: ALICE, bob: BOB };

/**
 * One dialect's reference server and the react-chat example (`ChatWindow`) in Chromium, with one
 * browser context per demo user: Alice's windows share her storage, Bob's his.
 */
export interface WidgetStack {
  dialect: Dialect;
  server: ParleyServer;
  /**
   * Opens a window of `user` on a conversation (by default the one the scenario gives them;
   * `null` for none, as a user who has not picked one yet).
   */
  open(user: DemoUser, conversation?: string | null): Promise<WidgetPage>;
  /**
   * Opens a window of `user` as on a phone: 390 px wide, a touch screen (no hover, a coarse
   * pointer), in a browser context of its own.
   */
  openOnPhone(user: DemoUser, conversation?: string | null): Promise<WidgetPage>;
  /** GETs a REST path of the dialect as `user`, as the server stores things. */
  rest<T>(user: DemoUser, path: string): Promise<T>;
  /**
   * Saves a screenshot of `window` as `artifacts/<dialect>-widgets-<name>.png` (with `-field`
   * after the dialect against the field profile).
   */
  screenshot(window: WidgetPage, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWidgetStack(dialect: Dialect): Promise<WidgetStack> {
  const db = join(inject("workDir"), `${dialect}-widgets-${Date.now()}.db`);
  const server = await startServer({ dialects: [dialect], profile: testProfile(), db });
  rememberDatabase(server, db);
  await writeFile(inject("configFile"), JSON.stringify(await makeDemoConfig(server)));
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  const contexts = new Map<DemoUser, Promise<BrowserContext>>();
  const contextOf = (user: DemoUser) => {
    const existing = contexts.get(user);
    if (existing) return existing;
    const created = browser.newContext();
    contexts.set(user, created);
    return created;
  };
  const urlOf = (user: DemoUser, conversation: string | null) => {
    const query = new URLSearchParams({ user, dialect });
    if (conversation !== null) query.set("chat", conversation);
    return `${inject("widgetsUrl")}?${query}`;
  };
  return {
    dialect,
    server,
    async open(user, conversation = scenarios[dialect].conversation[user]) {
      return WidgetPage.open(await contextOf(user), urlOf(user, conversation));
    },
    async openOnPhone(user, conversation = scenarios[dialect].conversation[user]) {
      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
      });
      return WidgetPage.open(phone, urlOf(user, conversation));
    },
    rest: (user, path) => restGet(server, dialect, ids[user], path),
    async screenshot(window, name) {
      await mkdir(ARTIFACTS, { recursive: true });
      await window.page.screenshot({
        path: join(ARTIFACTS, `${dialect}${suffix(server)}-widgets-${name}.png`),
      });
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
