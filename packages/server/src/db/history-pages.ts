import type { Database } from "./database.js";

/**
 * A message table paged by position. Each message stores `pos`, its 1-based place in its
 * conversation in insertion order, taken from a kept counter when it is inserted and never
 * changed afterwards (messages are soft-deleted, never removed). A page that starts `skip`
 * messages back from the newest is then a range seek on the index `(conversation, pos)`, and the
 * conversation's size is one counter row read: no page counts rows or walks an OFFSET, so a page
 * costs the same at 1,000 messages as at 100,000.
 */
export interface HistoryTable {
  /** The message table. */
  readonly messages: string;
  /** Its conversation column: every page lies within one value of it. */
  readonly key: string;
  /** SQLite type of the conversation column, for the counter table's key. */
  readonly keyType: "TEXT" | "INTEGER";
  /** The table's `INTEGER PRIMARY KEY`, in insertion order; positions are backfilled by it. */
  readonly order: string;
  /** The counter table this module creates: one row per conversation with `total` and `deleted`. */
  readonly counts: string;
  /** Whether rows carry an `is_deleted` flag that `deleted` counts. */
  readonly softDelete: boolean;
}

/**
 * The migration that adds positions to a table that has rows already: `pos` backfilled in
 * insertion order, the counter table filled from the rows, the triggers that keep it, the index.
 */
export function historyPositionsSql(t: HistoryTable): string {
  const deleted = t.softDelete ? "is_deleted" : "0";
  const deleteTrigger = t.softDelete
    ? `CREATE TRIGGER ${t.messages}_deleted_counted AFTER UPDATE OF is_deleted ON ${t.messages}
       WHEN NEW.is_deleted != OLD.is_deleted BEGIN
         UPDATE ${t.counts} SET deleted = deleted + NEW.is_deleted - OLD.is_deleted
         WHERE conversation = NEW.${t.key};
       END;`
    : "";
  // Deleted messages are few: a partial index lists them without touching the live ones.
  const deletedIndex = t.softDelete
    ? `CREATE INDEX ${t.messages}_deleted_by_pos ON ${t.messages} (${t.key}, pos)
       WHERE is_deleted = 1;`
    : "";
  return `
    ALTER TABLE ${t.messages} ADD COLUMN pos INTEGER;
    UPDATE ${t.messages} SET pos = ranked.n FROM (
      SELECT ${t.order} AS row_order,
             ROW_NUMBER() OVER (PARTITION BY ${t.key} ORDER BY ${t.order}) AS n
      FROM ${t.messages}
    ) AS ranked WHERE ranked.row_order = ${t.messages}.${t.order};
    CREATE INDEX ${t.messages}_by_pos ON ${t.messages} (${t.key}, pos);
    ${deletedIndex}
    CREATE TABLE ${t.counts} (
      conversation ${t.keyType} PRIMARY KEY,
      total INTEGER NOT NULL,
      deleted INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO ${t.counts} (conversation, total, deleted)
      SELECT ${t.key}, COUNT(*), SUM(${deleted}) FROM ${t.messages} GROUP BY ${t.key};
    CREATE TRIGGER ${t.messages}_counted AFTER INSERT ON ${t.messages} BEGIN
      INSERT INTO ${t.counts} (conversation, total, deleted)
        VALUES (NEW.${t.key}, 1, ${t.softDelete ? "NEW.is_deleted" : "0"})
        ON CONFLICT (conversation) DO UPDATE SET total = total + 1;
    END;
    ${deleteTrigger}
  `;
}

/** The SQL value of a new message's `pos`, for the insert statement: the counter plus one. */
export function nextPositionSql(t: HistoryTable, keyParam: string): string {
  return `coalesce((SELECT total FROM ${t.counts} WHERE conversation = ${keyParam}), 0) + 1`;
}

/**
 * The highest position a newest-first page of live messages starts at, when `skip` live
 * messages are newer than the page. `deletedNewestFirst` yields the positions of the
 * conversation's deleted messages, newest first; it is read only down to the page's start, so
 * the cost grows with the deleted messages newer than the page, never with the conversation.
 */
export function liveStart(total: number, skip: number, deletedNewestFirst: Iterable<number>) {
  let start = total - skip;
  for (const pos of deletedNewestFirst) {
    if (pos <= start) break;
    start -= 1; // a deleted message above the start: one more live message lies below it
  }
  return start;
}

type Key = string | number;

/** Counts and pages of one {@link HistoryTable}, through prepared statements. */
export class HistoryPages<Row> {
  private readonly q;

  constructor(db: Database, t: HistoryTable) {
    const { messages, key, counts } = t;
    const live = t.softDelete ? "AND is_deleted = 0" : "";
    this.q = {
      counts: db.prepare<[Key], { total: number; deleted: number }>(
        `SELECT total, deleted FROM ${counts} WHERE conversation = ?`,
      ),
      newestFirst: db.prepare<[Key, number, number], Row>(
        `SELECT * FROM ${messages} WHERE ${key} = ? AND pos <= ? ORDER BY pos DESC LIMIT ?`,
      ),
      oldestFirst: db.prepare<[Key, number, number], Row>(
        `SELECT * FROM ${messages} WHERE ${key} = ? AND pos > ? ORDER BY pos ASC LIMIT ?`,
      ),
      liveNewestFirst: db.prepare<[Key, number, number], Row>(
        `SELECT * FROM ${messages} WHERE ${key} = ? ${live} AND pos <= ? ORDER BY pos DESC LIMIT ?`,
      ),
      deletedNewestFirst: db
        .prepare<[Key], number>(
          t.softDelete
            ? `SELECT pos FROM ${messages} WHERE ${key} = ? AND is_deleted = 1 ORDER BY pos DESC`
            : `SELECT pos FROM ${messages} WHERE 0 AND ${key} = ?`,
        )
        .pluck(),
    };
  }

  /** Every message of the conversation, deleted ones included. */
  total(key: Key): number {
    return this.q.counts.get(key)?.total ?? 0;
  }

  /** The conversation's messages that are not deleted. */
  live(key: Key): number {
    const row = this.q.counts.get(key);
    return row ? row.total - row.deleted : 0;
  }

  /** Up to `limit` messages after the `skip` newest, deleted ones included; newest first. */
  newestFirst(key: Key, skip: number, limit: number): Row[] {
    if (limit <= 0) return [];
    return this.q.newestFirst.all(key, this.total(key) - skip, limit);
  }

  /** Up to `limit` messages after the `skip` oldest, deleted ones included; oldest first. */
  oldestFirst(key: Key, skip: number, limit: number): Row[] {
    if (limit <= 0) return [];
    return this.q.oldestFirst.all(key, skip, limit);
  }

  /** Up to `limit` live messages after the `skip` newest live ones; newest first. */
  liveNewestFirst(key: Key, skip: number, limit: number): Row[] {
    if (limit <= 0) return [];
    const start = liveStart(this.total(key), skip, this.q.deletedNewestFirst.iterate(key));
    return this.q.liveNewestFirst.all(key, start, limit);
  }
}
