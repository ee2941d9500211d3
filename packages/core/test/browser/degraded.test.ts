import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../src/idb/schema.js";
import { alice, bob, pause, until, useSuite } from "./suite.js";

const suite = useSuite();

describe("storage trouble in Chromium", () => {
  it("lets a newer tab upgrade the database; the old tab closes it and goes on in memory", async () => {
    const context = await suite.context();
    const old = await suite.open(context);
    await until(old, () => window.parley.connection() === "connected", null);
    expect(await old.evaluate(() => window.parley.cacheStatus())).toBe("open");

    const newer = await context.newPage();
    await newer.goto(suite.harness.origin);
    const name = await newer.evaluate((user) => window.parley.cacheName(user), alice);
    // Not blocked by the old tab: it answers versionchange by closing its connection.
    const next = SCHEMA_VERSION + 1;
    expect(
      await newer.evaluate(([n, v]) => window.parley.upgrade(n, v, 3000), [name, next] as const),
    ).toBe(next);

    await until(old, () => window.parley.cacheStatus() === "memory", null);
    const errors = await old.evaluate(() => window.parley.errors());
    expect(errors).toEqual([expect.objectContaining({ code: "storage-degraded" })]);
    expect(errors[0]?.message).toMatch(/newer version/);

    // The old tab still sends and receives.
    await old.evaluate((friend) => window.parley.send(friend, "after the upgrade"), bob);
    await suite.post("to the old tab");
    await until(
      old,
      (friend) =>
        window.parley.statuses(friend).includes("after the upgrade:sent") &&
        window.parley.texts(friend).includes("to the old tab"),
      bob,
    );
    expect((await suite.history()).filter((t) => t === "after the upgrade")).toHaveLength(1);
    await context.close();
  });

  it("goes on in memory when the quota is exhausted, keeping everything it shows", async () => {
    for (let i = 0; i < 20; i++) await suite.post(`quota ${i} ${"x".repeat(200)}`);
    const context = await suite.context();
    const page = await context.newPage();
    await page.goto(suite.harness.origin);
    // A tiny quota for this origin, as a full disk or a strict private mode would give.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Storage.overrideQuotaForOrigin", {
      origin: suite.harness.origin,
      quotaSize: 1024,
    });
    await page.evaluate((o) => window.parley.start(o), await suite.startOptions());
    await until(page, (friend) => window.parley.texts(friend).length >= 20, bob);
    await page.evaluate(() => window.parley.flush());
    await until(page, () => window.parley.cacheStatus() === "memory", null);
    const errors = await page.evaluate(() => window.parley.errors());
    expect(errors).toEqual([expect.objectContaining({ code: "storage-degraded" })]);
    expect(errors[0]?.message).toMatch(/quota/);

    const shown = await page.evaluate((friend) => window.parley.texts(friend), bob);
    expect(shown).toEqual(await suite.history());
    await page.evaluate((friend) => window.parley.send(friend, "despite the quota"), bob);
    await until(
      page,
      (friend) => window.parley.statuses(friend).includes("despite the quota:sent"),
      bob,
    );
    await pause(200);
    expect((await suite.history()).filter((t) => t === "despite the quota")).toHaveLength(1);
    await context.close();
  });
});
