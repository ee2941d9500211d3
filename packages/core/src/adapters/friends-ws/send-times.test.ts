import { deferred, manualTimers } from "@parley/test-kit";
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

  it("reads again a delay after the last read ended, never back to back", async () => {
    const clock = manualTimers();
    const answers: ReturnType<typeof deferred<Message[]>>[] = [];
    const times = new SendTimes(
      () => {
        const answer = deferred<Message[]>();
        answers.push(answer);
        return answer.promise;
      },
      () => {},
      clock.timers,
      200,
    );
    times.confirmed("bob", "1");
    clock.advance(200);
    expect(answers).toHaveLength(1);
    // Sends confirmed while the read is on its way wait for it to end, then for the delay.
    times.confirmed("bob", "2");
    times.confirmed("bob", "3");
    clock.advance(1000);
    expect(answers).toHaveLength(1);
    answers[0]?.resolve([stored("1")]);
    await Promise.resolve();
    await Promise.resolve();
    expect(answers).toHaveLength(1);
    clock.advance(199);
    expect(answers).toHaveLength(1);
    clock.advance(1);
    expect(answers).toHaveLength(2);
    answers[1]?.resolve([stored("2"), stored("3")]);
    await Promise.resolve();
    await Promise.resolve();
    // Nothing waits: no read is scheduled.
    expect(clock.pending()).toBe(0);
  });
});
