import type { Message } from "./model.js";
import { conversationOf, type Draft, setConversation, updateMessages } from "./reducer-draft.js";
import { findByServerId, fromEnd, type Thread } from "./thread.js";

/** Someone read a conversation: ours, its unread count; others', our messages up to `upTo`. */
export function applyRead(
  draft: Draft,
  conversationId: string,
  readerId: string,
  upTo?: string,
): void {
  const { me } = draft.state;
  if (readerId === me) {
    setConversation(draft, { ...conversationOf(draft, conversationId), unreadCount: 0 });
    return;
  }
  updateMessages(
    draft,
    conversationId,
    (thread) => {
      const last = upTo === undefined ? undefined : findByServerId(thread, upTo);
      return upTo !== undefined && !last ? [] : unreadBack(thread, (m) => m.senderId === me, last);
    },
    markRead,
  );
}

export const markRead = (m: Message): Message => ({ ...m, status: "read" });

/**
 * The confirmed messages `whose` picks, from the newest (or from `upTo`) back to the first of
 * them already read: receipts move forward, so those before it were read with it. A read costs
 * what it marks (and what follows `upTo`), not the thread.
 */
export function unreadBack(
  thread: Thread,
  whose: (m: Message) => boolean,
  upTo?: Message,
): Message[] {
  const found: Message[] = [];
  let reached = upTo === undefined;
  for (let back = 0, m = fromEnd(thread, 0); m; m = fromEnd(thread, ++back)) {
    reached ||= m === upTo;
    if (!reached || m.id === undefined || !whose(m)) continue;
    if (m.status === "read") break;
    found.push(m);
  }
  return found;
}
