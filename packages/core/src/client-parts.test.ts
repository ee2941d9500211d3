import { deferred, fakeAdapter, waitFor } from "@parley/test-kit";
import { describe, expect, it } from "vitest";
import type { HistoryPage } from "./adapter.js";
import { noCapabilities } from "./capabilities.js";
import { createChatClient } from "./client.js";
import { ParleyError } from "./errors.js";
import { emptyThread, threadMessages } from "./thread.js";

describe("createClientParts", () => {
  it("lets the outbox go online only while the link that finished catching up is still up", async () => {
    // Catching up after a connection takes a while (history pages); a link that drops
    // meanwhile must not see the outbox start afterwards: it would spend its history checks
    // and sends on a dead link (found by the process-kill chaos test: messages left
    // unconfirmed that a live link would have proven unsent and sent again).
    const page = deferred<HistoryPage>();
    const fake = fakeAdapter(
      { session: () => ({ history: () => page.promise }) },
      { ...noCapabilities, history: true },
    );
    const client = createChatClient({
      adapter: fake.adapter,
      url: "http://x",
      auth: "t",
      backoff: { min: 60_000, max: 60_000 },
    });
    try {
      void client.openConversation("c").catch(() => {});
      client.connect();
      await waitFor(client, (s) => s.connection.status === "connected");
      fake.holdConnections(true);
      fake.emit({ type: "closed", error: new ParleyError("network", "dropped") });
      await waitFor(client, (s) => s.connection.status === "reconnecting");
      client.send("c", "written while the link is down");
      page.resolve({ messages: [], cursor: null });
      await page.promise;
      await new Promise((resolve) => setTimeout(resolve, 0));

      expect(fake.sent).toEqual([]);
      const shown = threadMessages(client.getState().threads.c ?? emptyThread);
      expect(shown.map((m) => m.status)).toEqual(["pending"]);
    } finally {
      client.destroy();
    }
  });
});
