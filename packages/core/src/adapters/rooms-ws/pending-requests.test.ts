import { describe, expect, it } from "vitest";
import { defaultTimers } from "../../environment.js";
import { ParleyError } from "../../errors.js";
import { PendingRequests } from "./pending-requests.js";

describe("PendingRequests", () => {
  it("settles in order, drops silent frames a later answer proves, rejects on error", async () => {
    const pending = new PendingRequests(1000, defaultTimers);
    pending.note({ kind: "typing", chatId: 1 });
    const sent = pending.expect({ kind: "send", chatId: 1, content: "a", media: null });
    expect(pending.needsBarrier).toBe(false);
    expect(pending.answer((r) => r.kind === "send", "copy")).toBe(true);
    await expect(sent).resolves.toBe("copy");
    expect(pending.size).toBe(0);

    pending.note({ kind: "typing", chatId: 1 });
    expect(pending.needsBarrier).toBe(true);
    const barrier = pending.expect({ kind: "ping" });
    const refused = pending.expect({ kind: "send", chatId: 2, content: "b", media: null });
    // The typing frame was refused: the error comes before the pong.
    expect(pending.fail("You are not a participant of this chat", () => false)).toEqual({
      kind: "typing",
      chatId: 1,
    });
    pending.answer((r) => r.kind === "ping");
    await barrier;
    expect(pending.fail("Invalid send_message: content: must not be empty", () => true)).toEqual(
      expect.objectContaining({ kind: "send", chatId: 2 }),
    );
    const error = await refused.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe("invalid-input");
    expect(pending.size).toBe(0);
  });

  it("rejects everything waiting when the link goes, and times out a lost answer", async () => {
    const pending = new PendingRequests(30, defaultTimers);
    const lost = pending.expect({ kind: "ping" });
    pending.rejectAll(new ParleyError("network", "gone"));
    await expect(lost).rejects.toMatchObject({ code: "network", retryable: true });
    await expect(pending.expect({ kind: "ping" })).rejects.toMatchObject({ code: "timeout" });
    expect(pending.fail("Chat not found", () => false)).toBeNull();
  });
});
