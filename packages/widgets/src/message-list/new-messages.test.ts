import type { Message } from "@parley/core";
import { describe, expect, it } from "vitest";
import { countNewSince } from "./new-messages.js";

const m = (clientId: string, senderId: string, deleted = false): Message => ({
  clientId,
  conversationId: "x",
  senderId,
  text: "",
  createdAt: "2025-01-01T00:00:00Z",
  status: "sent",
  ...(deleted ? { deleted } : {}),
});

describe("countNewSince", () => {
  const list = [
    m("a", "ana"),
    m("b", "me"),
    m("c", "ana"),
    m("d", "me"),
    m("e", "ben"),
    m("f", "ana", true),
  ];

  it("counts others' messages after the last one seen", () => {
    expect(countNewSince(list, "b", "me")).toBe(2);
    expect(countNewSince(list, "f", "me")).toBe(0);
  });

  it("counts nothing without a seen message, or when it is gone", () => {
    expect(countNewSince(list, null, "me")).toBe(0);
    expect(countNewSince(list, "gone", "me")).toBe(0);
  });
});
