import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ParleyServer, startServer } from "@parley/server";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoLink, makeDemoConfig } from "../../examples/custom-ui/demo/make-demo-config.js";
import { launchChromium } from "../support/chromium.js";
import { eventually } from "../support/eventually.js";
import { restHistory } from "../support/rest-history.js";
import { scenarios } from "../support/scenarios.js";
import { WidgetPage } from "../support/widget-page.js";

const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

// The demo's default app: the drop-in ChatWindow, on every dialect of one server.
describe("react-chat: ChatWindow in Chromium", () => {
  let server: ParleyServer;
  let browser: Browser;
  let alice: BrowserContext;
  let bob: BrowserContext;
  let config: Awaited<ReturnType<typeof makeDemoConfig>>;

  beforeAll(async () => {
    server = await startServer({ db: join(inject("workDir"), `react-chat-${Date.now()}.db`) });
    config = await makeDemoConfig(server);
    await writeFile(inject("configFile"), JSON.stringify(config));
    browser = await launchChromium();
    alice = await browser.newContext();
    bob = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const { dialect, conversation } of Object.values(scenarios)) {
    it(`${dialect}: Alice and Bob chat, each message shown once, from the links the demo prints`, async () => {
      // `npm run demo` prints these links: each opens its user's chat with the other.
      const open = (context: BrowserContext, user: "alice" | "bob") => {
        const link = demoLink(
          inject("widgetsUrl"),
          config,
          dialect,
          user,
          user === "alice" ? "bob" : "alice",
        );
        expect(new URL(link).searchParams.get("chat")).toBe(conversation[user]);
        return WidgetPage.open(context, link);
      };
      const chat = [`Hello from ChatWindow on ${dialect}`];
      const a = await open(alice, "alice");
      await a.send(chat[0] as string);
      await eventually(() => a.texts()).toEqual(chat);
      await eventually(() => restHistory(server, dialect)).toEqual(chat);
      // Bob logs in after Alice wrote: her message is in his history, once.
      const b = await open(bob, "bob");
      await eventually(() => b.texts()).toEqual(chat);
      // Bob's window opened on their chat, titled by name (the group room by its own title).
      await eventually(() => b.title()).toBe(
        dialect === "rooms-ws" ? "Booking help" : "Alice Martin",
      );
      chat.push("Hello back");
      await b.send("Hello back");
      await eventually(() => a.texts()).toEqual(chat);
      await eventually(() => b.texts()).toEqual(chat);
      await eventually(() => restHistory(server, dialect)).toEqual(chat);
      // Both windows show one conversation: the same messages, once each, in the same order.
      expect(await a.texts()).toEqual(await b.texts());
      await b.page.screenshot({ path: join(ARTIFACTS, `react-chat-${dialect}-bob.png`) });
      await a.page.close();
      await b.page.close();
    });
  }
});
