import { type Database, migrate } from "../../db/database.js";
import {
  HistoryPages,
  type HistoryTable,
  historyPositionsSql,
  nextPositionSql,
} from "../../db/history-pages.js";

/** The documented message status lifecycle: sent -> delivered -> read. */
export type MessageStatus = "sent" | "delivered" | "read";

/** One row of `friends_ws_messages`, as SQLite returns it. */
export interface MessageRow {
  /** Insertion order; pages and ties are ordered by it, never by the clock. */
  seq: number;
  message_id: string;
  sender_id: string;
  receiver_id: string;
  content: string;
  status: MessageStatus;
  is_deleted: 0 | 1;
  created_at: string;
  updated_at: string;
  read_at: string | null;
}

const INIT_SQL = `
CREATE TABLE friends_ws_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  sender_id TEXT NOT NULL,
  receiver_id TEXT NOT NULL,
  content TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'delivered', 'read')),
  is_deleted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX friends_ws_messages_pair ON friends_ws_messages (sender_id, receiver_id, seq);
CREATE INDEX friends_ws_messages_inbox ON friends_ws_messages (receiver_id, status);
`;

const HISTORY: HistoryTable = {
  messages: "friends_ws_messages",
  key: "conversation_key",
  keyType: "TEXT",
  order: "seq",
  counts: "friends_ws_conversation_counts",
  softDelete: true,
};

/**
 * Both directions of a conversation under one indexed key (instead of an OR over sender and
 * receiver, which no index serves in order), then positions and kept counts for its pages.
 */
const HISTORY_SQL = `
ALTER TABLE friends_ws_messages ADD COLUMN conversation_key TEXT;
UPDATE friends_ws_messages SET conversation_key = CASE WHEN sender_id < receiver_id
  THEN sender_id || ' ' || receiver_id ELSE receiver_id || ' ' || sender_id END;
DROP INDEX friends_ws_messages_pair;
${historyPositionsSql(HISTORY)}
`;

/** The key of the conversation between `a` and `b`, the same either way round. */
export function conversationKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** The friends-ws message table and its prepared statements. */
export class MessageStore {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly history;
  private readonly unreadStmt;
  private readonly statusStmt;
  private readonly readStmt;
  private readonly rereadStmt;
  private readonly deleteStmt;

  constructor(db: Database) {
    migrate(db, [
      { name: "friends-ws/1-init", sql: INIT_SQL },
      { name: "friends-ws/2-history-positions", sql: HISTORY_SQL },
    ]);
    this.history = new HistoryPages<MessageRow>(db, HISTORY);
    this.insertStmt = db.prepare(
      `INSERT INTO friends_ws_messages
         (message_id, sender_id, receiver_id, content, status, created_at, updated_at,
          conversation_key, pos)
       VALUES (@message_id, @sender_id, @receiver_id, @content, @status, @now, @now,
          @key, ${nextPositionSql(HISTORY, "@key")})`,
    );
    this.byIdStmt = db.prepare("SELECT * FROM friends_ws_messages WHERE message_id = ?");
    this.unreadStmt = db.prepare(
      `SELECT COUNT(*) AS n FROM friends_ws_messages
       WHERE receiver_id = ? AND status != 'read' AND is_deleted = 0`,
    );
    this.statusStmt = db.prepare(
      `UPDATE friends_ws_messages SET status = @status, updated_at = @now
       WHERE message_id = @id AND status = @from`,
    );
    this.readStmt = db.prepare(
      `UPDATE friends_ws_messages SET status = 'read', read_at = @now, updated_at = @now
       WHERE message_id = @id AND status != 'read'`,
    );
    this.rereadStmt = db.prepare(
      `UPDATE friends_ws_messages SET status = 'read', read_at = @now, updated_at = @now
       WHERE message_id = @id`,
    );
    this.deleteStmt = db.prepare(
      "UPDATE friends_ws_messages SET is_deleted = 1, updated_at = @now WHERE message_id = @id",
    );
  }

  insert(row: {
    message_id: string;
    sender_id: string;
    receiver_id: string;
    content: string;
    status: MessageStatus;
    now: string;
  }): MessageRow {
    this.insertStmt.run({ ...row, key: conversationKey(row.sender_id, row.receiver_id) });
    return this.get(row.message_id) as MessageRow;
  }

  /** The message, deleted or not; undefined when the id is unknown. */
  get(messageId: string): MessageRow | undefined {
    return this.byIdStmt.get(messageId) as MessageRow | undefined;
  }

  /** One page of the conversation between `a` and `b`, newest first. */
  page(a: string, b: string, skip: number, limit: number): MessageRow[] {
    return this.history.liveNewestFirst(conversationKey(a, b), skip, limit);
  }

  /** Messages between `a` and `b` that are not deleted, from the kept counter. */
  count(a: string, b: string): number {
    return this.history.live(conversationKey(a, b));
  }

  unreadCount(receiverId: string): number {
    return (this.unreadStmt.get(receiverId) as { n: number }).n;
  }

  /** Moves a `sent` message to `delivered`; false when it had already moved on. */
  markDelivered(messageId: string, now: string): boolean {
    return (
      this.statusStmt.run({ id: messageId, status: "delivered", from: "sent", now }).changes > 0
    );
  }

  /** Marks a message read; false when it already was. */
  markRead(messageId: string, now: string): boolean {
    return this.readStmt.run({ id: messageId, now }).changes > 0;
  }

  /** Marks a message read again even when it already was, with a new `read_at` (field profile). */
  reread(messageId: string, now: string): void {
    this.rereadStmt.run({ id: messageId, now });
  }

  softDelete(messageId: string, now: string): void {
    this.deleteStmt.run({ id: messageId, now });
  }
}
