import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { type Dialect, scenarios } from "../support/scenarios.js";
import type { WidgetPage } from "../support/widget-page.js";
import { startWidgetStack, type WidgetStack } from "../support/widget-stack.js";

const dialects = (process.env.PARLEY_E2E_SEARCH ?? Object.keys(scenarios).join(","))
  .split(",")
  .filter((d): d is Dialect => d in scenarios);

const NEEDLE = "Le café de la gare à neuf heures";
// More than the cache puts back in the store at start (50): the needle stays in the cache only.
const FILLERS = 55;

/** The search panel's field, its hits and the message log of the react-chat example. */
const search = (window: WidgetPage) =>
  window.page.getByRole("searchbox", { name: "Search messages" });
const hits = (window: WidgetPage) =>
  window.page.getByRole("list", { name: "Search messages" }).getByRole("button");
/** Whether the highlighted message holds `text` and is inside the log's view. */
const highlightedInView = (window: WidgetPage, text: string) =>
  window.page.evaluate((wanted) => {
    const log = document.querySelector<HTMLElement>('[role="log"]');
    const row = log?.querySelector<HTMLElement>("[data-highlighted]");
    if (!log || !row?.textContent?.includes(wanted)) return false;
    const a = row.getBoundingClientRect();
    const b = log.getBoundingClientRect();
    return a.bottom > b.top && a.top < b.bottom;
  }, text);

describe.each(dialects)("%s: search and jump in Chromium", (dialect) => {
  let stack: WidgetStack;
  beforeAll(async () => {
    stack = await startWidgetStack(dialect);
  });
  afterAll(() => stack?.close());

  it("finds a message with its accents folded, jumps to it, and does both again offline after a reload", async () => {
    const alice = await stack.open("alice");
    await alice.send(NEEDLE);
    for (let i = 1; i <= FILLERS; i++) await alice.send(`filler message ${i}`);
    await eventually(async () => (await alice.texts()).at(-1)).toBe(`filler message ${FILLERS}`);

    await search(alice).fill("CAFE gare");
    await eventually(() => hits(alice).count()).toBe(1);
    expect(await hits(alice).first().locator("mark").allInnerTexts()).toEqual(["café", "gare"]);
    await hits(alice).first().click();
    await eventually(() => highlightedInView(alice, NEEDLE)).toBe(true);

    // Reloaded (the app and its settings load), then the network is gone: the hit comes from
    // the cache, and the jump pages back through it.
    await alice.page.reload();
    await alice.composer.waitFor();
    await alice.page.context().setOffline(true);
    try {
      await eventually(async () =>
        (await alice.texts()).includes(`filler message ${FILLERS}`),
      ).toBe(true);
      expect(await alice.texts()).not.toContain(NEEDLE);
      await search(alice).fill("cafe");
      await eventually(() => hits(alice).count()).toBe(1);
      await hits(alice).first().click();
      await eventually(() => highlightedInView(alice, NEEDLE)).toBe(true);
      await stack.screenshot(alice, "search-jump-offline");
    } finally {
      await alice.page.context().setOffline(false);
    }
  });
});
