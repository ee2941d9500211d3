import type { Message } from "./model.js";
import type { OutboxEntry, OutboxOptions } from "./outbox-entry.js";

/**
 * Looks for an unconfirmed entry in a conversation's recent history: a message of ours with the
 * same text, stored no earlier than the entry first went on the wire (less the tolerated clock
 * skew), and not already claimed by another entry. Finding it proves the first try was stored.
 */
export function findInHistory(
  entry: OutboxEntry,
  history: readonly Message[],
  me: string | null,
  skewMs: number,
  claimed: (message: Message) => boolean,
): Message | undefined {
  const since = (entry.firstSentAt ?? 0) - skewMs;
  return history.find(
    (m) =>
      m.senderId === me &&
      m.text === entry.outgoing.text &&
      Date.parse(m.createdAt) >= since &&
      !claimed(m),
  );
}

/** The newest messages of a conversation, or null when the backend cannot show them now. */
export async function readRecent(
  options: Pick<OutboxOptions, "recent">,
  conversationId: string,
): Promise<Message[] | null> {
  if (!options.recent) return null;
  try {
    return await options.recent(conversationId);
  } catch {
    return null;
  }
}
