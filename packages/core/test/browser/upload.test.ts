import { startTestServer, testUsers } from "@parley/server/testing";
import { describe, expect, inject, it } from "vitest";
import { launch } from "./chromium.js";
import { startHarnessServer } from "./harness-server.js";

describe("uploads in Chromium", () => {
  it("reports upload progress on the way, then 1 once the server has the file", async () => {
    const server = await startTestServer({ dialects: ["rooms-ws"] });
    const harness = await startHarnessServer(inject("harness"));
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(harness.origin);
      // About two seconds for 512 KiB: enough for the browser to report progress several times.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 256 * 1024,
      });
      const bytes = 512 * 1024;
      const token = await server.token(testUsers.alice);
      const result = await page.evaluate(([url, t, n]) => window.parley.upload(url, t, n), [
        server.url("rooms-ws"),
        token,
        bytes,
      ] as const);
      expect(result.error).toBeUndefined();
      expect(result.size).toBe(bytes);
      expect(result.progress[0]).toBe(0);
      expect(result.progress.at(-1)).toBe(1);
      const between = result.progress.filter((f) => f > 0 && f < 1);
      expect(between.length).toBeGreaterThan(1);
      expect(result.progress).toEqual([...result.progress].sort((a, b) => a - b));
      const stored = await fetch(new URL(result.url ?? "", server.url("rooms-ws")));
      expect((await stored.arrayBuffer()).byteLength).toBe(bytes);

      // The server's refusal reaches the app as the same typed error as through fetch.
      const refused = await page.evaluate(
        ([url, t]) => window.parley.upload(url, t, 1024, "text/html"),
        [server.url("rooms-ws"), token] as const,
      );
      expect(refused.error).toMatchObject({ status: 415, message: expect.stringMatching(/type/) });
      expect(refused.progress.at(-1)).not.toBe(1);
    } finally {
      await browser.close();
      await harness.close();
      await server.close();
    }
  });
});
