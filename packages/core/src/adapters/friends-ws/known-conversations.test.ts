import { describe, expect, it } from "vitest";
import type { Message } from "../../model.js";
import { KnownConversations } from "./known-conversations.js";

const message = (id: string, createdAt: string): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId: "bob",
  senderId: "bob",
  text: id,
  createdAt,
  status: "sent",
});

describe("KnownConversations.socketTime", () => {
  it("follows the socket only: a REST read may show messages stored after our next send", () => {
    const known = new KnownConversations();
    expect(known.socketTime()).toBeNull();
    known.seen(message("pushed", "2026-01-01T00:00:01.000Z"), "me", true);
    // A history page read meanwhile holds a message the server stored later than the send
    // whose confirmation is on its way: that send's stand-in time must not be after it.
    known.seen(message("read", "2026-01-01T00:00:05.000Z"), "me");
    expect(known.socketTime()).toBe("2026-01-01T00:00:01.000Z");
    known.seen(message("pushed later", "2026-01-01T00:00:03.000Z"), "me", true);
    expect(known.socketTime()).toBe("2026-01-01T00:00:03.000Z");
  });
});

describe("KnownConversations.standIn", () => {
  it("gives sends confirmed together times in their order, from the socket's time on", () => {
    const known = new KnownConversations();
    expect(known.standIn(Date.UTC(2026, 0, 1, 0, 0, 9))).toBe("2026-01-01T00:00:09.000Z");
    known.seen(message("pushed", "2026-01-01T00:00:10.000Z"), "me", true);
    // Two sends confirmed before anything else came on the socket: one ms apart, in order.
    expect(known.standIn(0)).toBe("2026-01-01T00:00:10.000Z");
    expect(known.standIn(0)).toBe("2026-01-01T00:00:10.001Z");
    known.seen(message("pushed later", "2026-01-01T00:00:12.000Z"), "me", true);
    expect(known.standIn(0)).toBe("2026-01-01T00:00:12.000Z");
  });
});
