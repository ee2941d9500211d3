import type { CacheDatabase } from "./database.js";
import { conversationRange } from "./records.js";

/** How much the cache keeps. The outbox is never counted and never evicted. */
export interface CacheLimits {
  /** Messages kept per conversation; the oldest go first. @default 5000 */
  perConversation: number;
  /** Messages kept in all; least recently used conversations go first, whole. @default 25000 */
  total: number;
}

export const defaultLimits: CacheLimits = { perConversation: 5000, total: 25_000 };

/**
 * Trims the conversations just written to `perConversation` (oldest messages first), then, while
 * more than `total` messages are stored, evicts the least recently used conversations (their
 * messages and their record). `keep` is never evicted (the conversation in use). One
 * transaction; only IndexedDB requests are awaited.
 */
export async function evict(
  db: CacheDatabase,
  limits: CacheLimits,
  written: readonly string[],
  keep?: string,
): Promise<{ trimmed: number; evicted: string[] }> {
  const tx = db.transaction(["messages", "conversations"], "readwrite");
  const messages = tx.objectStore("messages");
  const order = messages.index("order");
  let trimmed = 0;
  for (const conversationId of written) {
    const range = conversationRange(conversationId);
    let excess = (await order.count(range)) - limits.perConversation;
    if (excess <= 0) continue;
    let cursor = await order.openCursor(range, "next");
    while (cursor && excess > 0) {
      await cursor.delete();
      trimmed += 1;
      excess -= 1;
      cursor = await cursor.continue();
    }
  }
  const evicted: string[] = [];
  let total = await messages.count();
  if (total > limits.total) {
    let cursor = await tx.objectStore("conversations").index("usedAt").openCursor();
    while (cursor && total > limits.total) {
      const { id } = cursor.value;
      if (id !== keep) {
        const range = conversationRange(id);
        total -= await order.count(range);
        await messages.delete(range);
        await cursor.delete();
        evicted.push(id);
      }
      cursor = await cursor.continue();
    }
  }
  await tx.done;
  return { trimmed, evicted };
}
