import type { Message } from "./model.js";
import type { OutboxEntry } from "./outbox-entry.js";

/**
 * The outbox's entries: by client id, in send order, per conversation, and by text. Every
 * operation on one message costs O(1) amortized, so a queue of thousands costs no more per
 * confirmation than a queue of one.
 */
export class OutboxQueue {
  readonly #entries = new Map<string, OutboxEntry>();
  readonly #conversations = new Map<string, Lane>();
  /** Entries by conversation and text: what an echo without a client id is matched with. */
  readonly #texts = new Map<string, Set<OutboxEntry>>();
  /** Server ids already matched to an entry: one stored message confirms one entry. */
  readonly #claimed = new Set<string>();
  /** History checks per entry on the current link. */
  readonly #checks = new Map<string, number>();

  get(clientId: string): OutboxEntry | undefined {
    return this.#entries.get(clientId);
  }

  /** Every entry, in send order. */
  list(): OutboxEntry[] {
    return [...this.#entries.values()];
  }

  add(entry: OutboxEntry): void {
    const { clientId, conversationId } = entry.outgoing;
    this.#entries.set(clientId, entry);
    bucket(this.#conversations, conversationId, () => new Lane()).add(entry);
    bucket(this.#texts, textKey(entry), () => new Set<OutboxEntry>()).add(entry);
  }

  remove(clientId: string): void {
    const entry = this.#entries.get(clientId);
    if (!entry) return;
    this.#entries.delete(clientId);
    this.#checks.delete(clientId);
    const { conversationId } = entry.outgoing;
    const lane = this.#conversations.get(conversationId);
    lane?.forget(entry);
    if (lane?.size === 0) this.#conversations.delete(conversationId);
    const key = textKey(entry);
    const same = this.#texts.get(key);
    same?.delete(entry);
    if (same?.size === 0) this.#texts.delete(key);
  }

  /** A stored message confirmed an entry: it confirms no other. */
  claim(message: Message): void {
    if (message.id !== undefined) this.#claimed.add(message.id);
  }

  claimed(message: Message): boolean {
    return message.id !== undefined && this.#claimed.has(message.id);
  }

  /** The link is down: what was on the wire or waiting to retry must be checked first. */
  unsettle(): OutboxEntry[] {
    const changed: OutboxEntry[] = [];
    for (const entry of this.#entries.values())
      if (entry.state === "inflight" || entry.state === "waiting") {
        entry.state = "unconfirmed";
        changed.push(entry);
      }
    return changed;
  }

  /** One more history check of an entry on this link: answers how many there were. */
  check(clientId: string): number {
    const count = (this.#checks.get(clientId) ?? 0) + 1;
    this.#checks.set(clientId, count);
    return count;
  }

  /** A new link: no history checks yet. */
  newLink(): void {
    this.#checks.clear();
  }

  /** The conversations that have entries. */
  conversations(): string[] {
    return [...this.#conversations.keys()];
  }

  /** A conversation's entries in send order (a live view: read it before changing the queue). */
  of(conversationId: string): Iterable<OutboxEntry> {
    return this.#conversations.get(conversationId)?.entries() ?? [];
  }

  /**
   * What a conversation's queue can do now, in order, with at most `limit` sends on the wire:
   * the unconfirmed entries at its front to check against history (all of them, before any
   * send), or the queued ones to send. Never a message past an earlier one that waits for a
   * retry or a check. O(limit) steps, whatever the queue's length (beside given-up entries).
   */
  due(conversationId: string, limit: number): { check: OutboxEntry[]; send: OutboxEntry[] } {
    const check: OutboxEntry[] = [];
    const send: OutboxEntry[] = [];
    let onWire = 0;
    for (const entry of this.of(conversationId)) {
      const { state } = entry;
      if (state === "failed" || state === "unknown") continue;
      if (state === "unconfirmed" && onWire === 0) check.push(entry);
      else if (state !== "inflight" && (check.length > 0 || state !== "queued")) break;
      else if (onWire >= limit) break;
      else {
        onWire += 1;
        if (state === "queued") send.push(entry);
      }
    }
    return { check, send };
  }

  /** The oldest entry put on the wire whose text is `text`: what an echo of it answers. */
  sentWithText(conversationId: string, text: string): OutboxEntry | undefined {
    const same = this.#texts.get(`${conversationId}\u0000${text}`);
    if (same)
      for (const entry of same)
        if (!(entry.state === "queued" && entry.attempts === 0)) return entry;
    return undefined;
  }
}

const textKey = (entry: OutboxEntry) =>
  `${entry.outgoing.conversationId}\u0000${entry.outgoing.text}`;

function bucket<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/**
 * One conversation's entries in send order: an array read from a moving head, so that taking
 * confirmed entries off the front costs O(1) amortized. (A Map read from its start would step
 * over every deleted slot it still holds.) Entries confirmed out of order are skipped, and the
 * array is compacted once half of it is behind the head.
 */
class Lane {
  #items: OutboxEntry[] = [];
  #head = 0;
  readonly #live = new Set<OutboxEntry>();

  get size(): number {
    return this.#live.size;
  }

  add(entry: OutboxEntry): void {
    this.#items.push(entry);
    this.#live.add(entry);
  }

  forget(entry: OutboxEntry): void {
    this.#live.delete(entry);
    const items = this.#items;
    while (this.#head < items.length && !this.#live.has(items[this.#head] as OutboxEntry))
      this.#head += 1;
    if (this.#head > 64 && this.#head * 2 > items.length) {
      this.#items = items.slice(this.#head);
      this.#head = 0;
    }
  }

  *entries(): Generator<OutboxEntry> {
    const items = this.#items;
    for (let i = this.#head; i < items.length; i++) {
      const entry = items[i] as OutboxEntry;
      if (this.#live.has(entry)) yield entry;
    }
  }
}
