import { manualTimers } from "@parley/test-kit";
import { describe, expect, it } from "vitest";
import type { Message } from "../../model.js";
import { SendTimes } from "./send-times.js";

const stored = (id: string): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId: "bob",
  senderId: "me",
  text: id,
  createdAt: "2026-01-01T00:00:00.000Z",
  status: "sent",
});

describe("SendTimes", () => {
  it("reads a run of sends back once, after the delay, and reports the page", async () => {
    const clock = manualTimers();
    const reads: string[] = [];
    const reported: string[][] = [];
    const times = new SendTimes(
      async (conversationId) => {
        reads.push(conversationId);
        return ["1", "2", "3"].map(stored);
      },
      (_conversationId, messages) => reported.push(messages.map((m) => m.id ?? "")),
      clock.timers,
      200,
    );
    for (const id of ["1", "2", "3"]) times.confirmed("bob", id);
    clock.advance(199);
    expect(reads).toEqual([]);
    clock.advance(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(reads).toEqual(["bob"]);
    expect(reported).toEqual([["1", "2", "3"]]);

    // A session that ends forgets what waits: no read after it.
    times.confirmed("bob", "4");
    times.clear();
    clock.advance(1000);
    expect(reads).toEqual(["bob"]);
    expect(clock.pending()).toBe(0);
  });
});
