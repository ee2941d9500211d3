import { describe, expect, it } from "vitest";
import { bob, until, useSuite } from "./suite.js";

const suite = useSuite();

describe("local search in Chromium", () => {
  it("finds cached messages after a reload, offline, beyond what the store was filled with", async () => {
    // 80 messages: the store is filled with the newest 50 at start, the rest stay in the cache.
    for (let i = 0; i < 80; i++) {
      await suite.post(i === 4 ? "Rendez-vous au café à midi" : `message ${i}`);
    }
    const context = await suite.context();
    const first = await suite.open(context);
    await until(first, (friend) => window.parley.texts(friend).length >= 50, bob);
    await first.evaluate((friend) => window.parley.loadOlder(friend), bob);
    await until(first, (friend) => window.parley.texts(friend).length === 80, bob);
    expect((await first.evaluate(() => window.parley.search("cafe"))).texts).toEqual([
      "Rendez-vous au café à midi",
    ]);
    await first.evaluate(() => window.parley.flush());
    await first.close();

    // Reloaded with no network at all.
    await suite.server.stop();
    const second = await context.newPage();
    await second.goto(suite.harness.origin);
    await context.setOffline(true);
    await second.evaluate(async (o) => window.parley.start(o), await suite.startOptions());
    await until(second, (friend) => window.parley.texts(friend).length === 50, bob, 5000);
    expect(
      await second.evaluate(
        (friend) => window.parley.holds(friend, "Rendez-vous au café à midi"),
        bob,
      ),
    ).toBe(false);
    const found = await second.evaluate(() => window.parley.search("CAFÉ mid"));
    expect(found.texts).toEqual(["Rendez-vous au café à midi"]);
    const all = await second.evaluate(() => window.parley.search("message", { limit: 100 }));
    expect(all.texts).toHaveLength(79);
    expect(all.texts[0]).toBe("message 79");
    expect(await second.evaluate(() => window.parley.connection())).not.toBe("connected");
    await context.setOffline(false);
    await suite.server.start();
    await context.close();
  });
});
