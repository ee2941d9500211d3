import type { CachedPage, CachedThread, CacheSnapshot } from "../cache.js";
import type { Message } from "../model.js";
import type { User } from "../user-directory.js";
import type { CacheDatabase } from "./database.js";
import { conversationRange, olderRange } from "./records.js";
import type { ConversationRecord, MessageRecord, OutboxRow } from "./schema.js";

/** How much of the cache is read at start. */
export interface HydrateLimits {
  /** The most recently used conversations whose newest messages are read. */
  conversations: number;
  /** Newest messages read per conversation. */
  messages: number;
}

/**
 * Reads what the store needs at start in one transaction: `me`, the people known by name, every
 * conversation, the newest messages of the most recently used ones, and the outbox.
 */
export async function readSnapshot(
  db: CacheDatabase,
  limits: HydrateLimits,
): Promise<CacheSnapshot> {
  const tx = db.transaction(["meta", "conversations", "messages", "outbox"], "readonly");
  const order = tx.objectStore("messages").index("order");
  const [me, users, records, outbox] = await Promise.all([
    tx.objectStore("meta").get("me"),
    tx.objectStore("meta").get("users"),
    tx.objectStore("conversations").getAll(),
    tx.objectStore("outbox").getAll(),
  ]);
  records.sort((a, b) => b.usedAt - a.usedAt);
  const recent = records.slice(0, limits.conversations);
  const threads = await Promise.all(
    recent.map(async (record): Promise<CachedThread | null> => {
      const newest: MessageRecord[] = [];
      let cursor = await order.openCursor(conversationRange(record.id), "prev");
      // One more than asked says whether the cache holds older messages than those read.
      while (cursor && newest.length <= limits.messages) {
        newest.push(cursor.value);
        cursor = await cursor.continue();
      }
      if (newest.length === 0) return null;
      const all = newest.length <= limits.messages;
      const page = pageOf(record, newest.slice(0, limits.messages).reverse(), all);
      return { conversationId: record.id, ...page };
    }),
  );
  return {
    me: typeof me?.value === "string" ? me.value : null,
    conversations: records.flatMap((r) => (r.conversation ? [r.conversation] : [])),
    threads: threads.filter((t): t is CachedThread => t !== null),
    outbox: sortOutbox(outbox),
    users: Array.isArray(users?.value) ? (users.value as unknown[]).filter(isUser) : [],
  };
}

/** A stored person as the directory takes them (an older or foreign row is left out). */
const isUser = (u: unknown): u is User =>
  typeof (u as User | null)?.id === "string" && typeof (u as User).name === "string";

/**
 * Up to `limit` stored messages just older than `before`, or null when `before` is not stored
 * (then the cache cannot tell what precedes it) or nothing older is.
 */
export async function readOlder(
  db: CacheDatabase,
  conversationId: string,
  before: Message,
  limit: number,
): Promise<CachedPage | null> {
  if (before.id === undefined) return null;
  const tx = db.transaction(["conversations", "messages"], "readonly");
  const messages = tx.objectStore("messages");
  const [anchor, record] = await Promise.all([
    messages.get([conversationId, before.id]),
    tx.objectStore("conversations").get(conversationId),
  ]);
  if (!anchor || !record) return null;
  const older: MessageRecord[] = [];
  let cursor = await messages.index("order").openCursor(olderRange(conversationId, before), "prev");
  while (cursor && older.length <= limit) {
    older.push(cursor.value);
    cursor = await cursor.continue();
  }
  if (older.length === 0) return null;
  return pageOf(record, older.slice(0, limit).reverse(), older.length <= limit);
}

/** Every stored outbox entry, in the order they were queued. */
export async function readOutbox(db: CacheDatabase): Promise<OutboxRow[]> {
  return sortOutbox(await db.getAll("outbox"));
}

function sortOutbox(rows: OutboxRow[]): OutboxRow[] {
  return rows.sort((a, b) => a.queuedAt - b.queuedAt);
}

/**
 * The stored cursor continues past the oldest stored message only if that message is still the
 * one it was saved with (trimming or another tab may have changed the oldest); else the network
 * pages again from the newest page and the merge drops what is already there.
 */
function pageOf(
  record: ConversationRecord,
  records: readonly MessageRecord[],
  reachesOldest: boolean,
): CachedPage {
  const messages = records.map((r) => r.m);
  const oldest = records[0];
  const valid = reachesOldest && oldest !== undefined && oldest.id === record.oldestId;
  return valid
    ? { messages, cursor: record.cursor, hasMore: record.hasMore }
    : { messages, cursor: null, hasMore: true };
}
