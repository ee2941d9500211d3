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
