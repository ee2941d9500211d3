import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ParleyServer, startServer } from "@parley/server";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoLink, makeDemoConfig } from "../../examples/custom-ui/demo/make-demo-config.js";
import { launchChromium } from "../support/chromium.js";
import { eventually } from "../support/eventually.js";
import { idLikeLabels } from "../support/id-labels.js";
import { type Dialect, scenarios } from "../support/scenarios.js";
import { WidgetPage } from "../support/widget-page.js";

const GALLERY = fileURLToPath(new URL("../artifacts/gallery/", import.meta.url));
/** The dialects whose windows show the other side typing. */
const typing = new Set<Dialect>(["support-socketio", "friends-ws", "care-socketio", "rooms-ws"]);

// A screenshot of the drop-in ChatWindow (react-chat) per dialect and per state, kept in
// artifacts/gallery/, and in each of them no label that looks like an id where a name belongs.
describe("gallery: ChatWindow per dialect and state, people by name in every one", () => {
  let server: ParleyServer;
  let browser: Browser;
  let config: Awaited<ReturnType<typeof makeDemoConfig>>;
  const contexts: BrowserContext[] = [];
  const context = async (options: Parameters<Browser["newContext"]>[0] = {}) => {
    const created = await browser.newContext(options);
    contexts.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startServer({ db: join(inject("workDir"), `gallery-${Date.now()}.db`) });
    config = await makeDemoConfig(server);
    await writeFile(inject("configFile"), JSON.stringify(config));
    await mkdir(GALLERY, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("finds an id shown where a name belongs (the check itself)", async () => {
    const window = await WidgetPage.open(
      await context(),
      demoLink(inject("widgetsUrl"), config, "friends-ws", "bob", "alice"),
    );
    await eventually(() => window.title()).toBe("Alice Martin");
    expect(await idLikeLabels(window.page)).toEqual([]);
    await window.page.evaluate(() => {
      const title = document.querySelector(".parley-thread__title");
      if (title) title.textContent = "7f1d3a52-4c0e-4b7a-9a55-0a1e6f3c2b01";
      const initials = document.querySelector(".parley-avatar__initials");
      if (initials) initials.textContent = "2";
    });
    expect(await idLikeLabels(window.page)).toEqual(
      expect.arrayContaining(["7f1d3a52-4c0e-4b7a-9a55-0a1e6f3c2b01", "2"]),
    );
    for (const created of contexts.splice(0)) await created.close();
  });

  for (const dialect of Object.keys(scenarios) as Dialect[]) {
    it(`${dialect}: chat, typing, offline, phone, dark and right to left`, async () => {
      const link = (user: "alice" | "bob", lang = "") =>
        demoLink(inject("widgetsUrl"), config, dialect, user, user === "alice" ? "bob" : "alice") +
        (lang ? `&lang=${lang}` : "");
      /** Saves the window as `<dialect>-<state>.png` and checks what it shows. */
      const capture = async (window: WidgetPage, state: string) => {
        await window.page.screenshot({ path: join(GALLERY, `${dialect}-${state}.png`) });
        expect(await idLikeLabels(window.page), `${dialect} ${state}`).toEqual([]);
      };
      const header = dialect === "rooms-ws" ? "Booking help" : "Alice Martin";

      const alice = await WidgetPage.open(await context(), link("alice"));
      const bob = await WidgetPage.open(await context(), link("bob"));
      await alice.send(`Hello from the gallery on ${dialect}`);
      await eventually(() => bob.texts()).toContain(`Hello from the gallery on ${dialect}`);
      await eventually(() => bob.title()).toBe(header);
      await capture(bob, "chat");

      if (typing.has(dialect)) {
        await alice.composer.pressSequentially("Still typing");
        await eventually(() => bob.page.locator(".parley-typing__text").textContent()).toMatch(
          /is typing/,
        );
        await capture(bob, "typing");
        await alice.composer.fill("");
      }

      await bob.page.context().setOffline(true);
      await eventually(() => bob.page.locator(".parley-banner").textContent()).toMatch(/offline/);
      await capture(bob, "offline");
      await bob.page.context().setOffline(false);
      await eventually(() => bob.page.locator(".parley-banner").count()).toBe(0);

      const phone = await WidgetPage.open(
        await context({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }),
        link("bob"),
      );
      await eventually(() => phone.title()).toBe(header);
      await eventually(() => phone.texts()).toContain(`Hello from the gallery on ${dialect}`);
      await capture(phone, "phone");

      await bob.page.emulateMedia({ colorScheme: "dark" });
      await capture(bob, "dark");

      const arabic = await WidgetPage.open(await context(), link("alice", "ar"));
      await eventually(() => arabic.page.locator(".parley-chat").getAttribute("dir")).toBe("rtl");
      await eventually(() => arabic.texts()).toContain(`Hello from the gallery on ${dialect}`);
      await capture(arabic, "rtl");

      for (const created of contexts.splice(0)) await created.close();
    });
  }
});
