import type { Message } from "../model.js";
import type { CacheDatabase } from "./database.js";

/**
 * Stored messages with, for each of `terms`, a word that starts with it: one key range per term
 * on the `words` index (keys only), the keys every range holds, then those messages. One
 * read-only transaction.
 */
export async function searchStored(
  db: CacheDatabase,
  terms: readonly string[],
  conversationId?: string,
): Promise<Message[]> {
  if (terms.length === 0) return [];
  const tx = db.transaction("messages", "readonly");
  const words = tx.store.index("words");
  // A record matches a prefix once per word that starts with it: keys are counted per term once.
  const counts = new Map<string, { key: [string, string]; terms: number }>();
  for (const [i, term] of terms.entries()) {
    const keys = await words.getAllKeys(IDBKeyRange.bound(term, `${term}\uffff`));
    for (const key of keys) {
      if (conversationId !== undefined && key[0] !== conversationId) continue;
      const id = `${key[0]}\u0000${key[1]}`;
      const seen = counts.get(id);
      if (i === 0 && !seen) counts.set(id, { key, terms: 1 });
      else if (seen && seen.terms === i) seen.terms = i + 1;
    }
  }
  const found = [...counts.values()].filter((c) => c.terms === terms.length);
  const records = await Promise.all(found.map((c) => tx.store.get(c.key)));
  return records.flatMap((record) => (record ? [record.m] : []));
}
