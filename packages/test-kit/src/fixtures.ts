import type { Conversation, Message } from "@parley/core";

/** Sample texts for generated threads: short and long, with and without links. */
const TEXTS = [
  "Hi! Are we still on for tomorrow?",
  "Yes, 10:00 works for me.",
  "I put the notes in https://example.com/notes, have a look when you can.",
  "Thanks 🙏",
  "Could you send the invoice again? The first one had the wrong address on it, and accounting needs the corrected version before Friday so the payment goes out this month.",
  "Sure, one moment.",
  "ok",
  "Let me check with the team and come back to you this afternoon.",
  "Write to support@example.com or mailto:support@example.com if it happens again.",
  "Multi-line works too:\n- first\n- second",
];

const BASE_TIME = Date.UTC(2025, 2, 3, 8, 0, 0);

export interface ThreadOptions {
  /** The users who write, in turn-taking order; the first is usually `me`. @default ["me", "ana"] */
  senders?: string[];
  /** Time of the first message (ms). */
  start?: number;
  /** Milliseconds between messages. @default 7 minutes */
  stepMs?: number;
  /** Prefix of server ids, so several threads never collide. @default the conversation id */
  idPrefix?: string;
}

/**
 * `count` confirmed messages in a conversation, oldest first, deterministic: senders alternate in
 * small runs, days change every 60 messages or so, texts cycle through samples.
 */
export function makeThread(
  conversationId: string,
  count: number,
  options: ThreadOptions = {},
): Message[] {
  const senders = options.senders ?? ["me", "ana"];
  const step = options.stepMs ?? 7 * 60 * 1000;
  const start = options.start ?? BASE_TIME;
  const prefix = options.idPrefix ?? conversationId;
  const messages: Message[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-${i + 1}`;
    // Runs of 1 to 3 messages per sender.
    const sender = senders[Math.floor((i * 7) / 13) % senders.length] as string;
    messages.push({
      clientId: `id:${id}`,
      id,
      conversationId,
      senderId: sender,
      text: `${TEXTS[i % TEXTS.length]}${count >= 100 ? ` (#${i + 1})` : ""}`,
      createdAt: new Date(start + i * step).toISOString(),
      status: "read",
    });
  }
  return messages;
}

/** A direct conversation with one other person. */
export function directConversation(
  id: string,
  other: { id: string; name: string; avatar?: string | null },
  extra: Partial<Conversation> = {},
): Conversation {
  return {
    id,
    kind: "direct",
    participants: [{ id: "me", name: "Me" }, { ...other }],
    unreadCount: 0,
    ...extra,
  };
}

/** A group conversation. */
export function groupConversation(
  id: string,
  title: string,
  members: Array<{ id: string; name: string; avatar?: string | null }>,
  extra: Partial<Conversation> = {},
): Conversation {
  return {
    id,
    kind: "group",
    title,
    participants: [{ id: "me", name: "Me" }, ...members],
    unreadCount: 0,
    ...extra,
  };
}
