import type { Message } from "../model.js";
import { InvertedIndex, intersect } from "./inverted-index.js";
import { compareHits, type HitOrder, messageKey, orderOfHit } from "./search-order.js";
import { termsOf, type WordSegmenter } from "./tokenize.js";

/** A message the index holds, with its place in results. */
export interface IndexedMessage extends HitOrder {
  message: Message;
}

/** Which messages a query asks for. */
export interface IndexQuery {
  /** Folded query words: a message matches when, for each, one of its words starts with it. */
  terms: readonly string[];
  conversationId?: string;
  /** Only hits after this one (older). */
  after?: HitOrder | null;
  limit: number;
}

/**
 * Confirmed messages by the words of their text, in memory. `put` files a message again when it
 * changed (an edit is re-indexed, a deleted message drops out); unchanged copies cost a lookup.
 * Pure: no timers, no store; {@link StoreIndexer} feeds it.
 */
export class MessageIndex {
  private readonly index = new InvertedIndex();
  private readonly docs: (IndexedMessage | undefined)[] = [];
  private readonly byKey = new Map<string, number>();
  /** Every message key put, with its latest version (deleted ones included). */
  private readonly known = new Map<string, Message>();

  constructor(private readonly segmenter: WordSegmenter | null = null) {}

  /** How many messages can be found. */
  get size(): number {
    return this.byKey.size;
  }

  /** How many distinct words are filed. */
  get words(): number {
    return this.index.words;
  }

  /** The posting lists, for measuring. */
  postings(): IterableIterator<[string, readonly number[]]> {
    return this.index.entries();
  }

  /** Whether the index has seen this message (in any version), and so knows better than a cache. */
  knows(key: string): boolean {
    return this.known.has(key);
  }

  /** Files a message under its words, or files it again when its text changed. */
  put(message: Message): void {
    if (message.id === undefined) return; // a local message is not searchable until confirmed
    const key = messageKey(message);
    const previous = this.known.get(key);
    if (previous === message) return;
    this.known.set(key, message);
    const doc = this.byKey.get(key);
    const searchable = !message.deleted && message.text.length > 0;
    if (doc !== undefined) {
      const entry = this.docs[doc] as IndexedMessage;
      if (searchable && entry.message.text === message.text && entry.t === orderOfHit(message).t) {
        entry.message = message; // receipts and the like: nothing to refile
        return;
      }
      this.unfile(key, doc);
    }
    if (searchable) this.file(key, message);
  }

  /** `put` for `messages[from]` up to (not including) `messages[to]`. */
  putAll(messages: readonly Message[], from = 0, to = messages.length): void {
    for (let i = from; i < to; i++) this.put(messages[i] as Message);
  }

  /** Forgets a message entirely. */
  delete(message: Message): void {
    const key = messageKey(message);
    this.known.delete(key);
    const doc = this.byKey.get(key);
    if (doc !== undefined) this.unfile(key, doc);
  }

  /**
   * The messages that match, newest first, up to `limit`, and whether more match beyond them.
   */
  query(query: IndexQuery): { hits: IndexedMessage[]; more: boolean } {
    if (query.terms.length === 0) return { hits: [], more: false };
    const docs = intersect(query.terms.map((term) => this.index.withPrefix(term)));
    // The newest `limit + 1` only (one more says whether more follow): a bounded sorted list,
    // not a sort of every match.
    const keep = query.limit + 1;
    const best: IndexedMessage[] = [];
    for (const doc of docs) {
      const entry = this.docs[doc] as IndexedMessage;
      if (
        query.conversationId !== undefined &&
        entry.message.conversationId !== query.conversationId
      )
        continue;
      if (query.after && compareHits(entry, query.after) <= 0) continue;
      const worst = best[best.length - 1];
      if (best.length === keep && worst && compareHits(entry, worst) >= 0) continue;
      let low = 0;
      let high = best.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (compareHits(best[mid] as IndexedMessage, entry) < 0) low = mid + 1;
        else high = mid;
      }
      best.splice(low, 0, entry);
      if (best.length > keep) best.pop();
    }
    return { hits: best.slice(0, query.limit), more: best.length > query.limit };
  }

  private file(key: string, message: Message): void {
    const doc = this.docs.length;
    // One key string shared by the maps and the entry.
    this.docs.push({ message, t: orderOfHit(message).t, key });
    this.byKey.set(key, doc);
    this.index.add(doc, termsOf(message.text, this.segmenter));
  }

  private unfile(key: string, doc: number): void {
    const entry = this.docs[doc] as IndexedMessage;
    this.index.remove(doc, termsOf(entry.message.text, this.segmenter));
    this.docs[doc] = undefined;
    this.byKey.delete(key);
  }
}
