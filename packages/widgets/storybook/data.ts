import type { Conversation, Message } from "@parley/core";
import { directConversation, groupConversation, makeThread } from "@parley/test-kit";

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

/** A few conversations with recent activity and unread counts. */
export function sampleConversations(): Conversation[] {
  const history = sampleHistory();
  const withLast = (c: Conversation): Conversation => {
    const last = history[c.id]?.at(-1);
    return last ? { ...c, lastMessage: last } : c;
  };
  return [
    withLast(
      directConversation("ana", { id: "ana", name: "Ana Lima", avatar: "/fixtures/ana.svg" }),
    ),
    withLast(
      groupConversation(
        "design",
        "Design review",
        [
          { id: "ben", name: "Ben Okafor", avatar: "/fixtures/ben.svg" },
          { id: "cleo", name: "Cleo Park" },
        ],
        { unreadCount: 3 },
      ),
    ),
    withLast(
      directConversation("dmitri", { id: "dmitri", name: "Dmitri Volkov" }, { unreadCount: 1 }),
    ),
    directConversation("eve", { id: "eve", name: "Eve Adams" }),
  ];
}

/** Recent threads for {@link sampleConversations}, ending a few minutes ago. */
export function sampleHistory(): Record<string, Message[]> {
  const recent = (id: string, count: number, senders: string[], endMinutesAgo: number) =>
    makeThread(id, count, {
      senders,
      stepMs: 9 * 60_000,
      start: Date.now() - endMinutesAgo * 60_000 - count * 9 * 60_000,
    });
  return {
    ana: recent("ana", 24, ["me", "ana"], 3),
    design: recent("design", 18, ["ben", "cleo", "me"], 12),
    dmitri: recent("dmitri", 4, ["dmitri", "me"], 60),
  };
}

/** A message with an image attachment, from `senderId`. */
export function imageMessage(
  conversationId: string,
  id: string,
  url: string,
  senderId = "ana",
): Message {
  return {
    clientId: `id:${id}`,
    id,
    conversationId,
    senderId,
    text: "",
    createdAt: minutesAgo(30),
    status: "read",
    attachments: [{ url, type: "image/svg+xml", name: url.split("/").pop() ?? "image" }],
  };
}
