import type { Message } from "./model.js";
import type { OutboxEntry, OutboxOptions } from "./outbox-entry.js";
import type { OutboxQueue } from "./outbox-queue.js";

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

/** What history proves about one unconfirmed entry (see {@link proveEach}). */
export type Proof = Message | "absent" | "unreadable" | "unanswered" | "again";

/**
 * What one read of a conversation's recent history proves about each of its unconfirmed
 * entries (in send order; they were on the wire together): its stored copy, `absent`,
 * `unreadable` (the backend has no history for it) or `unanswered` (the read failed in a way
 * that may pass: the network, a server fault). Either of the last two proves nothing; a read
 * that did not answer is `again` for an entry checked fewer than three times on this link
 * (`queue.check` counts them). A stored message proves one entry only, the oldest it matches,
 * and none that `queue` already claimed.
 */
export async function proveEach(
  entries: readonly OutboxEntry[],
  options: Pick<OutboxOptions, "recent" | "me" | "clockSkewMs">,
  queue: Pick<OutboxQueue, "claimed" | "check">,
): Promise<Proof[]> {
  const proofs = await readEach(entries, options, (m) => queue.claimed(m));
  return proofs.map((proof, i) => {
    const count = queue.check(entries[i]?.outgoing.clientId ?? "");
    return proof === "unanswered" && count < 3 ? "again" : proof;
  });
}

async function readEach(
  entries: readonly OutboxEntry[],
  options: Pick<OutboxOptions, "recent" | "me" | "clockSkewMs">,
  claimed: (message: Message) => boolean,
): Promise<Proof[]> {
  const conversationId = entries[0]?.outgoing.conversationId;
  if (!options.recent || conversationId === undefined) return entries.map(() => "unreadable");
  let history: Message[];
  try {
    history = await options.recent(conversationId);
  } catch (error) {
    const proof = (error as { retryable?: unknown })?.retryable === true;
    return entries.map(() => (proof ? "unanswered" : "unreadable"));
  }
  const skew = options.clockSkewMs ?? 120_000;
  const taken = new Set<Message>();
  const me = options.me();
  return entries.map((entry) => {
    const found = findInHistory(entry, history, me, skew, (m) => taken.has(m) || claimed(m));
    if (found) taken.add(found);
    return found ?? "absent";
  });
}
