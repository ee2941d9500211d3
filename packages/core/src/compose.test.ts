import { describe, expect, it } from "vitest";
import type { OutgoingMessage } from "./adapter.js";
import { checkText, composeOutgoing, localMessage } from "./compose.js";
import { ParleyError } from "./errors.js";
import type { Attachment } from "./model.js";

const file: Attachment = { url: "https://files.example/a.png", name: "a.png", type: "image/png" };

/** The error `fn` throws, or null. */
function thrown(fn: () => void): unknown {
  try {
    fn();
    return null;
  } catch (error) {
    return error;
  }
}
const codeOf = (fn: () => void) => {
  const error = thrown(fn);
  return error instanceof ParleyError ? error.code : error;
};

describe("checkText", () => {
  it("refuses a text that is not a string as invalid-input", () => {
    expect(codeOf(() => checkText(42 as unknown as string, 100))).toBe("invalid-input");
    expect(codeOf(() => checkText(undefined as unknown as string, 100, [file]))).toBe(
      "invalid-input",
    );
  });

  it("refuses a blank text without attachments as invalid-input", () => {
    expect(codeOf(() => checkText("", 100))).toBe("invalid-input");
    expect(codeOf(() => checkText(" \n\t ", 100))).toBe("invalid-input");
    expect(codeOf(() => checkText("   ", 100, []))).toBe("invalid-input");
  });

  it("accepts a blank text with attachments", () => {
    expect(thrown(() => checkText("", 100, [file]))).toBeNull();
    expect(thrown(() => checkText("  ", 100, [file]))).toBeNull();
  });

  it("refuses a text longer than the limit as payload-too-large, and accepts the limit", () => {
    expect(thrown(() => checkText("x".repeat(10), 10))).toBeNull();
    const error = thrown(() => checkText("x".repeat(11), 10));
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe("payload-too-large");
    expect((error as ParleyError).message).toContain("10");
    expect((error as ParleyError).retryable).toBe(false);
    // Files do not make a long text short.
    expect(codeOf(() => checkText("x".repeat(11), 10, [file]))).toBe("payload-too-large");
  });
});

describe("composeOutgoing", () => {
  it("holds only the ids and the text when no options are given", () => {
    const outgoing = composeOutgoing("L1", "c", "hello");
    expect(outgoing).toStrictEqual({ clientId: "L1", conversationId: "c", text: "hello" });
    expect(Object.keys(outgoing).sort()).toEqual(["clientId", "conversationId", "text"]);
  });

  it("omits options that are absent or undefined", () => {
    const outgoing = composeOutgoing("L1", "c", "hello", {
      replyTo: undefined,
      attachments: undefined,
      extra: undefined,
    });
    expect(Object.keys(outgoing).sort()).toEqual(["clientId", "conversationId", "text"]);
    expect(Object.keys(composeOutgoing("L1", "c", "hi", { replyTo: "s9" })).sort()).toEqual([
      "clientId",
      "conversationId",
      "replyTo",
      "text",
    ]);
  });

  it("carries the options that are given", () => {
    const extra = { appointment_id: 7 };
    expect(
      composeOutgoing("L1", "c", "hello", { replyTo: "s9", attachments: [file], extra }),
    ).toStrictEqual({
      clientId: "L1",
      conversationId: "c",
      text: "hello",
      replyTo: "s9",
      attachments: [file],
      extra,
    });
  });
});

describe("localMessage", () => {
  const queuedAt = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

  it("has the outgoing message's fields plus sender, queue time and status", () => {
    const outgoing = composeOutgoing("L1", "c", "hello", {
      replyTo: "s9",
      attachments: [file],
      extra: { appointment_id: 7 },
    });
    expect(localMessage(outgoing, "me", queuedAt, "pending")).toStrictEqual({
      ...outgoing,
      senderId: "me",
      createdAt: "2026-01-02T03:04:05.678Z",
      status: "pending",
    });
  });

  it("adds no absent fields and no server id", () => {
    const outgoing: OutgoingMessage = composeOutgoing("L2", "c", "plain");
    const local = localMessage(outgoing, "me", queuedAt, "failed");
    expect(local).toStrictEqual({
      clientId: "L2",
      conversationId: "c",
      text: "plain",
      senderId: "me",
      createdAt: new Date(queuedAt).toISOString(),
      status: "failed",
    });
    expect("id" in local).toBe(false);
  });
});
