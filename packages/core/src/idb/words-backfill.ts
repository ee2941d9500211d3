import type { Timers } from "../environment.js";
import type { CacheDatabase } from "./database.js";
import type { TermsOf } from "./records.js";

/**
 * Gives the stored messages that have no words yet (stored before schema 3, or by an app without
 * `terms`) their words, `batch` messages per transaction with a pause between, so the cache stays
 * responsive; notes in `meta` when done, so later starts skip it. Stops quietly on any error
 * (the database closed): the next start goes on.
 */
export async function backfillWords(
  db: () => CacheDatabase | null,
  terms: TermsOf,
  timers: Pick<Timers, "setTimeout">,
  batch = 500,
): Promise<number> {
  let filled = 0;
  try {
    const first = db();
    if (!first || (await first.get("meta", "words"))?.value === true) return 0;
    let after: [string, string] | null = null;
    for (;;) {
      const open = db();
      if (!open) return filled;
      const tx = open.transaction("messages", "readwrite");
      let cursor = await tx.store.openCursor(after ? IDBKeyRange.lowerBound(after, true) : null);
      for (let n = 0; cursor && n < batch; n++) {
        const record = cursor.value;
        if (record.w === undefined && !record.m.deleted) {
          await cursor.update({ ...record, w: [...terms(record.m.text)] });
          filled += 1;
        }
        after = cursor.primaryKey;
        cursor = await cursor.continue();
      }
      await tx.done;
      if (!cursor) break;
      await new Promise<void>((resolve) => timers.setTimeout(resolve, 0));
    }
    await db()?.put("meta", { key: "words", value: true });
  } catch {
    // Closed or degraded: nothing is lost, the words come at the next start.
  }
  return filled;
}

/** Starts {@link backfillWords} after `delayMs`, once the start's own writes went first. */
export function backfillLater(
  db: () => CacheDatabase | null,
  terms: TermsOf,
  timers: Pick<Timers, "setTimeout">,
  delayMs = 100,
): void {
  timers.setTimeout(() => void backfillWords(db, terms, timers), delayMs);
}
