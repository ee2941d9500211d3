import { describe, expect, it } from "vitest";
import { bob, pause, until, useSuite } from "./suite.js";

const suite = useSuite();

describe("cold start in Chromium", () => {
  it("shows the cached conversation before the server answers, then merges the gap once", async () => {
    const sent = Array.from({ length: 30 }, (_, i) => `earlier ${i}`);
    for (const text of sent) await suite.post(text);

    const context = await suite.context();
    const first = await suite.open(context);
    await until(first, (friend) => window.parley.texts(friend).length === 30, bob);
    await first.evaluate(() => window.parley.flush());
    await first.close();

    // Two more arrive while the app is closed; then the server stops answering.
    await suite.post("while away 1");
    await suite.post("while away 2");
    await suite.server.stop();

    const second = await suite.open(context);
    await until(second, (friend) => window.parley.texts(friend).length === 30, bob, 5000);
    expect(await second.evaluate(() => window.parley.connection())).not.toBe("connected");
    expect(await second.evaluate((friend) => window.parley.texts(friend), bob)).toEqual(sent);
    await pause(300);
    expect(await second.evaluate(() => window.parley.connection())).not.toBe("connected");

    await suite.server.start();
    await until(second, (friend) => window.parley.texts(friend).length === 32, bob, 15_000);
    const shown = await second.evaluate((friend) => window.parley.texts(friend), bob);
    expect(shown).toEqual(await suite.history());
    expect(shown.slice(-2)).toEqual(["while away 1", "while away 2"]);
    await context.close();
  });
});
