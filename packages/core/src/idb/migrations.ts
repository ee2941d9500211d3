import type { IDBPDatabase, IDBPTransaction } from "idb";
import { orderOf } from "./records.js";

type AnyDatabase = IDBPDatabase<unknown>;
type UpgradeTransaction = IDBPTransaction<unknown, string[], "versionchange">;

/** One step up: `migrations[n]` turns a version n-1 database into version n. */
export type Migration = (db: AnyDatabase, tx: UpgradeTransaction) => Promise<void> | void;

export const migrations: Readonly<Record<number, Migration>> = {
  /** Version 1: messages by conversation and server id, conversations, outbox, meta. */
  1(db) {
    db.createObjectStore("meta", { keyPath: "key" });
    db.createObjectStore("conversations", { keyPath: "id" });
    db.createObjectStore("messages", { keyPath: ["c", "id"] });
    db.createObjectStore("outbox", { keyPath: "clientId" });
  },
  /**
   * Version 2: messages get their place in server order (`t`, `s`) and an index over it, so the
   * newest page is read without loading the rest; conversations get `usedAt` for eviction and
   * `oldestId` to validate their cursor; outbox entries get `queuedAt`.
   */
  async 2(_db, tx) {
    const messages = tx.objectStore("messages");
    messages.createIndex("order", ["c", "t", "s"]);
    for await (const cursor of messages.iterate()) {
      const record = cursor.value as { m: { createdAt: string; id?: string } };
      await cursor.update({ ...record, ...orderOf(record.m as never) });
    }
    const conversations = tx.objectStore("conversations");
    conversations.createIndex("usedAt", "usedAt");
    for await (const cursor of conversations.iterate()) {
      // An old cursor is kept but no longer trusted: paging restarts from the newest page.
      await cursor.update({ oldestId: null, ...(cursor.value as object), usedAt: 0 });
    }
    const outbox = tx.objectStore("outbox");
    for await (const cursor of outbox.iterate()) {
      const row = cursor.value as { firstSentAt?: number };
      await cursor.update({ ...row, queuedAt: row.firstSentAt ?? 0 });
    }
  },
  /**
   * Version 3: messages get the words they are found by (`w`, written when the cache has
   * `terms`) and a multi-entry index over them: search reads matches by word prefix, and
   * whatever deletes a message (eviction, trimming) takes it out of the index too; and an index
   * by time alone, to walk many matches newest first. Messages stored before have no words:
   * they are found once written again.
   */
  3(_db, tx) {
    const messages = tx.objectStore("messages");
    messages.createIndex("words", "w", { multiEntry: true });
    messages.createIndex("time", "t");
  },
};

/** Runs every migration from `oldVersion` up to `newVersion`, in order, in the upgrade. */
export async function migrate(
  db: AnyDatabase,
  tx: UpgradeTransaction,
  oldVersion: number,
  newVersion: number,
): Promise<void> {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = migrations[version];
    if (!step) throw new Error(`No migration to cache schema version ${version}`);
    await step(db, tx);
  }
}
