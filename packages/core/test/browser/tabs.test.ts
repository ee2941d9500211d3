import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { bob, pause, until, useSuite } from "./suite.js";

const suite = useSuite();

const send = (page: Page, text: string) =>
  page.evaluate(([friend, t]) => window.parley.send(friend, t), [bob, text] as const);
const shows = (page: Page, texts: string[]) =>
  until(
    page,
    ([friend, wanted]) => {
      // Once each, confirmed (sent, or delivered for bob's).
      const have = window.parley.statuses(friend);
      return wanted.every(
        (t) => have.filter((s) => s === `${t}:sent` || s === `${t}:delivered`).length === 1,
      );
    },
    [bob, texts] as const,
    15_000,
  ).catch(async (error) => {
    console.log(
      await page.evaluate(
        (friend) => ({
          statuses: window.parley.statuses(friend),
          errors: window.parley.errors(),
          leading: window.parley.leading(),
          connection: window.parley.connection(),
        }),
        bob,
      ),
    );
    throw error;
  });

describe("two tabs in Chromium", () => {
  it("both show every message and each outbox message is sent once", async () => {
    const context = await suite.context(); // one profile: the tabs share IndexedDB and locks
    const a = await suite.open(context);
    await until(a, () => window.parley.leading(), null);
    const b = await suite.open(context);
    await until(b, () => window.parley.connection() === "connected", null);
    await until(a, () => window.parley.connection() === "connected", null);
    expect(await b.evaluate(() => window.parley.leading())).toBe(false);

    const fromB = ["from b 0", "from b 1", "from b 2"];
    const fromA = ["from a 0", "from a 1"];
    for (const [i, text] of fromB.entries()) {
      await send(b, text);
      if (fromA[i]) await send(a, fromA[i] as string);
    }
    await suite.post("from bob");
    const everything = [...fromB, ...fromA, "from bob"];
    await shows(a, everything);
    await shows(b, everything);
    const history = await suite.history();
    for (const text of everything) expect(history.filter((t) => t === text)).toHaveLength(1);
    // Each tab comes to show the conversation in the server's order, without doubles: the
    // leading tab reads its sends' stored times back, and tells the other tab.
    await until(a, ([friend, wanted]) => JSON.stringify(window.parley.texts(friend)) === wanted, [
      bob,
      JSON.stringify(history),
    ] as const);
    await until(b, ([friend, wanted]) => JSON.stringify(window.parley.texts(friend)) === wanted, [
      bob,
      JSON.stringify(history),
    ] as const);
    await context.close();
  });

  it("hands the outbox over when the leading tab closes", async () => {
    const context = await suite.context();
    const a = await suite.open(context);
    await until(a, () => window.parley.leading(), null);
    const b = await suite.open(context);
    await until(b, () => window.parley.connection() === "connected", null);

    await suite.server.stop();
    await until(a, () => window.parley.connection() !== "connected", null);
    await send(a, "queued in a");
    await send(b, "queued in b");
    await until(b, (friend) => window.parley.texts(friend).includes("queued in a"), bob);
    await until(a, (friend) => window.parley.texts(friend).includes("queued in b"), bob);
    await a.evaluate(() => window.parley.flush());
    await a.close(); // the leader goes; b takes the lock
    await until(b, () => window.parley.leading(), null);

    await suite.server.start();
    await shows(b, ["queued in a", "queued in b"]);
    await pause(500);
    const history = await suite.history();
    expect(history.filter((t) => t === "queued in a")).toHaveLength(1);
    expect(history.filter((t) => t === "queued in b")).toHaveLength(1);
    await context.close();
  });
});
