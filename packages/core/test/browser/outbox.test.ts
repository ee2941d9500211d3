import { describe, expect, it } from "vitest";
import { bob, launchPersistent, pause, until, useSuite } from "./suite.js";

const suite = useSuite();

describe("durable outbox in Chromium", () => {
  it("delivers messages sent offline exactly once after the browser was closed", async () => {
    const profile = await suite.profile();
    let browser = await launchPersistent(profile);
    let page = await suite.open(browser);
    await until(page, () => window.parley.connection() === "connected", null);
    await suite.server.stop();
    await until(page, () => window.parley.connection() !== "connected", null);
    await page.evaluate((friend) => window.parley.send(friend, "offline 1"), bob);
    await page.evaluate((friend) => window.parley.send(friend, "offline 2"), bob);
    expect(await page.evaluate((friend) => window.parley.statuses(friend), bob)).toEqual([
      "offline 1:pending",
      "offline 2:pending",
    ]);
    await page.evaluate(() => window.parley.flush());
    await browser.close(); // the whole browser, not just the tab

    await suite.server.start();
    browser = await launchPersistent(profile);
    page = await suite.open(browser);
    await until(
      page,
      (friend) => window.parley.statuses(friend).join() === "offline 1:sent,offline 2:sent",
      bob,
      15_000,
    );
    expect(await suite.history()).toEqual(["offline 1", "offline 2"]);

    // And once more: nothing is left to send.
    await page.reload();
    await page.evaluate(async (o) => window.parley.start(o), await suite.startOptions());
    await until(page, () => window.parley.connection() === "connected", null);
    await pause(500);
    expect(await suite.history()).toEqual(["offline 1", "offline 2"]);
    await browser.close();
  });

  it("checks a message that was in flight at reload against history instead of resending it", async () => {
    const before = await suite.history();
    const context = await suite.context();
    const page = await suite.open(context);
    await until(page, () => window.parley.connection() === "connected", null);
    suite.server.pauseDelivery(); // the server stores the message; its confirmation is held
    await page.evaluate((friend) => window.parley.send(friend, "in flight"), bob);
    for (let i = 0; i < 50 && !(await suite.history()).includes("in flight"); i++) await pause(50);
    expect(await page.evaluate((friend) => window.parley.statuses(friend).at(-1), bob)).toBe(
      "in flight:pending",
    );
    await page.reload();
    suite.server.resumeDelivery();
    await page.evaluate(async (o) => window.parley.start(o), await suite.startOptions());
    await until(
      page,
      (friend) => window.parley.statuses(friend).at(-1) === "in flight:sent",
      bob,
      15_000,
    );
    await pause(300);
    expect(await suite.history()).toEqual([...before, "in flight"]);
    expect(
      (await page.evaluate((friend) => window.parley.texts(friend), bob)).filter(
        (t) => t === "in flight",
      ),
    ).toHaveLength(1);
    await context.close();
  });

  it("never loses a message sent just before a reload: 20 reloads, each in the send's task", async () => {
    const before = await suite.history();
    const context = await suite.context();
    const page = await suite.open(context);
    await until(page, () => window.parley.connection() === "connected", null);
    await suite.server.stop(); // nothing can go out: only the outbox holds the messages
    const texts: string[] = [];
    for (let i = 0; i < 20; i++) {
      const text = `reload ${i}`;
      texts.push(text);
      // Send, then reload in the same task: IndexedDB has no time to commit the outbox.
      const loaded = page.waitForEvent("load");
      await page
        .evaluate(
          ([friend, t]) => {
            window.parley.send(friend, t);
            location.reload();
          },
          [bob, text] as const,
        )
        .catch(() => {}); // the page goes away under the evaluation
      await loaded;
      await page.evaluate(async (o) => window.parley.start(o), await suite.startOptions());
    }
    await suite.server.start();
    await until(
      page,
      (expected) =>
        window.parley
          .statuses(expected.friend)
          .filter((s) => s.startsWith("reload ") && s.endsWith(":sent")).length === expected.count,
      { friend: bob, count: 20 },
      30_000,
    );
    await pause(300);
    expect(await suite.history()).toEqual([...before, ...texts]);
    await context.close();
  });
});
