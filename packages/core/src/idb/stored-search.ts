import type { Message } from "../model.js";
import type { CacheDatabase } from "./database.js";
import { conversationRange } from "./records.js";
import type { MessageRecord } from "./schema.js";

/** Which stored messages a search asks for, and how many. */
export interface StoredQuery {
  /** Folded words: a message matches when, for each, one of its words starts with it. */
  terms: readonly string[];
  conversationId?: string;
  /** Only messages after this one in results (older; `key` is `conversation \0 server id`). */
  after?: { t: number; key: string } | null;
  /** At most this many, the newest first. */
  limit: number;
}

// When the rarest term has at most this many entries, its messages are read and checked; else
// matches are dense, and messages are walked from the newest until enough match.
const FEW = 2000;

const keyOf = (r: MessageRecord) => `${r.c}\u0000${r.id}`;

/**
 * Stored messages with, for each term, a word that starts with it, newest first. Each term's
 * entries in the `words` index are counted (nothing is read); the rarest term's messages are
 * read and checked when they are few, else messages are walked from the newest (the `time`
 * index, or `order` within a conversation) until `limit` match, so neither a rare nor a common
 * word reads every message. One read-only transaction.
 */
export async function searchStored(
  db: CacheDatabase,
  query: StoredQuery,
  few = FEW,
): Promise<Message[]> {
  const { terms, conversationId, after, limit } = query;
  if (terms.length === 0 || limit <= 0) return [];
  const tx = db.transaction("messages", "readonly");
  const words = tx.store.index("words");
  const ranges = terms.map((term) => IDBKeyRange.bound(term, `${term}\uffff`));
  const counts = await Promise.all(ranges.map((range) => words.count(range)));
  const fewest = Math.min(...counts);
  if (fewest === 0) return [];
  const matches = (r: MessageRecord) =>
    (conversationId === undefined || r.c === conversationId) &&
    (!after || r.t < after.t || (r.t === after.t && keyOf(r) < after.key)) &&
    terms.every((term) => r.w?.some((word) => word.startsWith(term)) ?? false);
  if (fewest <= few) {
    const keys = await words.getAllKeys(ranges[counts.indexOf(fewest)]);
    // A message has one entry per word that starts with the term: read it once.
    const unique = new Map(keys.map((key) => [`${key[0]}\u0000${key[1]}`, key]));
    const records = await Promise.all([...unique.values()].map((key) => tx.store.get(key)));
    return records
      .filter((r): r is MessageRecord => r !== undefined && matches(r))
      .sort((a, b) => b.t - a.t || (keyOf(a) < keyOf(b) ? 1 : -1))
      .slice(0, limit)
      .map((r) => r.m);
  }
  const found: Message[] = [];
  let cursor =
    conversationId === undefined
      ? await tx.store
          .index("time")
          .openCursor(after ? IDBKeyRange.upperBound(after.t) : null, "prev")
      : await tx.store
          .index("order")
          .openCursor(
            after
              ? IDBKeyRange.bound([conversationId], [conversationId, after.t, []])
              : conversationRange(conversationId),
            "prev",
          );
  while (cursor && found.length < limit) {
    if (matches(cursor.value)) found.push(cursor.value.m);
    cursor = await cursor.continue();
  }
  return found;
}

/** What {@link searchOpened} needs of the cache that holds the database. */
export interface StoredSearchHost {
  /** Settles once opening ended, either way. */
  opened: Promise<void>;
  /** The database while the cache is open, else null. */
  db(): CacheDatabase | null;
  /** Resolves once pending writes are stored. */
  flush(): Promise<void>;
}

/**
 * {@link searchStored} once the cache has opened and written what it holds (what the store
 * wrote last is found too); null when it is not open or the read fails, since the store's
 * messages still answer.
 */
export async function searchOpened(
  host: StoredSearchHost,
  query: StoredQuery,
): Promise<Message[] | null> {
  await host.opened;
  if (!host.db()) return null;
  await host.flush();
  const db = host.db();
  if (!db) return null;
  try {
    return await searchStored(db, query);
  } catch {
    return null;
  }
}
