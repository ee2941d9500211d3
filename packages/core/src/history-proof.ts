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

/**
 * What a conversation's recent history proves about an unconfirmed entry: its stored copy,
 * `absent`, `unreadable` (the backend has no history for it) or `unanswered` (the read failed
 * in a way that may pass: the network, a server fault). Either of the last two proves nothing.
 */
export async function proveStored(
  entry: OutboxEntry,
  options: Pick<OutboxOptions, "recent" | "me" | "clockSkewMs">,
  claimed: (message: Message) => boolean,
): Promise<Message | "absent" | "unreadable" | "unanswered"> {
  if (!options.recent) return "unreadable";
  let history: Message[];
  try {
    history = await options.recent(entry.outgoing.conversationId);
  } catch (error) {
    return (error as { retryable?: unknown })?.retryable === true ? "unanswered" : "unreadable";
  }
  const skew = options.clockSkewMs ?? 120_000;
  return findInHistory(entry, history, options.me(), skew, claimed) ?? "absent";
}
