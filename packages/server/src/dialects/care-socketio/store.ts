import type { Database } from "../../db/database.js";
import { migrate } from "../../db/database.js";
import {
  HistoryPages,
  type HistoryTable,
  historyPositionsSql,
  nextPositionSql,
} from "../../db/history-pages.js";
import type { MessageType } from "./schemas.js";

/** A stored message, as the table holds it. */
export interface MessageRow {
  seq: number;
  id: string;
  sender: string;
  receiver: string;
  content: string;
  message_type: MessageType;
  file_url: string | null;
  file_name: string | null;
  is_read: 0 | 1;
  read_at: string | null;
  conversation_id: string;
  created_at: string;
  updated_at: string;
}

export type NewMessage = Omit<MessageRow, "seq" | "is_read" | "read_at">;

const HISTORY: HistoryTable = {
  messages: "care_socketio_messages",
  key: "conversation_id",
  keyType: "TEXT",
  order: "seq",
  counts: "care_socketio_conversation_counts",
  softDelete: false,
};

/** `seq` orders messages even when two share a timestamp (tests freeze the clock). */
const INIT_SQL = `
CREATE TABLE care_socketio_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  sender TEXT NOT NULL,
  receiver TEXT NOT NULL,
  content TEXT NOT NULL,
  message_type TEXT NOT NULL CHECK (message_type IN ('text', 'file', 'image')),
  file_url TEXT,
  file_name TEXT,
  is_read INTEGER NOT NULL DEFAULT 0,
  read_at TEXT,
  conversation_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX care_socketio_messages_conversation ON care_socketio_messages (conversation_id, seq);
CREATE INDEX care_socketio_messages_unread ON care_socketio_messages (receiver, is_read, sender);
CREATE INDEX care_socketio_messages_sender ON care_socketio_messages (sender);
`;

/** The conversation id the seed documents: both user ids, sorted, joined with "_". */
export function conversationIdOf(a: string, b: string): string {
  return [a, b].sort().join("_");
}

/** The care-socketio message table and its prepared statements. */
export class MessageStore {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly history;
  private readonly markReadStmt;
  private readonly unreadStmt;
  private readonly unreadBySenderStmt;
  private readonly lastPerConversationStmt;
  private readonly contentMatchStmt;

  constructor(db: Database) {
    migrate(db, [
      { name: "care-socketio/1-init", sql: INIT_SQL },
      // The (conversation_id, seq) index already serves each page; positions take its OFFSET away.
      { name: "care-socketio/2-history-positions", sql: historyPositionsSql(HISTORY) },
    ]);
    this.history = new HistoryPages<MessageRow>(db, HISTORY);
    this.insertStmt = db.prepare(
      `INSERT INTO care_socketio_messages
        (id, sender, receiver, content, message_type, file_url, file_name, conversation_id,
         created_at, updated_at, pos)
       VALUES (@id, @sender, @receiver, @content, @message_type, @file_url, @file_name,
         @conversation_id, @created_at, @updated_at,
         ${nextPositionSql(HISTORY, "@conversation_id")})`,
    );
    this.byIdStmt = db.prepare("SELECT * FROM care_socketio_messages WHERE id = ?");
    this.markReadStmt = db.prepare(
      `UPDATE care_socketio_messages SET is_read = 1, read_at = ?, updated_at = ?
       WHERE receiver = ? AND sender = ? AND is_read = 0`,
    );
    this.unreadStmt = db.prepare(
      "SELECT COUNT(*) AS n FROM care_socketio_messages WHERE receiver = ? AND is_read = 0",
    );
    this.unreadBySenderStmt = db.prepare(
      `SELECT sender, COUNT(*) AS n FROM care_socketio_messages
       WHERE receiver = ? AND is_read = 0 GROUP BY sender`,
    );
    this.lastPerConversationStmt = db.prepare(
      `SELECT m.* FROM care_socketio_messages m
       JOIN (SELECT MAX(seq) AS seq FROM care_socketio_messages
             WHERE sender = @user OR receiver = @user GROUP BY conversation_id) last
         ON m.seq = last.seq
       ORDER BY m.seq DESC`,
    );
    // instr() instead of LIKE, so "%" and "_" in a query are plain characters.
    this.contentMatchStmt = db.prepare(
      `SELECT DISTINCT conversation_id FROM care_socketio_messages
       WHERE (sender = @user OR receiver = @user) AND instr(lower(content), lower(@query)) > 0`,
    );
  }

  insert(message: NewMessage): MessageRow {
    this.insertStmt.run(message);
    return this.byIdStmt.get(message.id) as MessageRow;
  }

  /** One page of a conversation: `skip` counts back from the newest message. */
  page(conversationId: string, limit: number, skip: number): MessageRow[] {
    // Newest page first, then flipped so each page reads oldest to newest.
    return this.history.newestFirst(conversationId, skip, limit).reverse();
  }

  /** Marks everything `sender` sent to `receiver` as read; answers how many changed. */
  markRead(receiver: string, sender: string, at: string): number {
    return this.markReadStmt.run(at, at, receiver, sender).changes;
  }

  unreadCount(receiver: string): number {
    return (this.unreadStmt.get(receiver) as { n: number }).n;
  }

  unreadBySender(receiver: string): Map<string, number> {
    const rows = this.unreadBySenderStmt.all(receiver) as Array<{ sender: string; n: number }>;
    return new Map(rows.map((row) => [row.sender, row.n]));
  }

  /** The newest message of each of `user`'s conversations, newest conversation first. */
  lastMessages(user: string): MessageRow[] {
    return this.lastPerConversationStmt.all({ user }) as MessageRow[];
  }

  /** Conversations of `user` with a message whose content contains `query` (ASCII case-insensitive). */
  conversationsMatching(user: string, query: string): Set<string> {
    const rows = this.contentMatchStmt.all({ user, query }) as Array<{ conversation_id: string }>;
    return new Set(rows.map((row) => row.conversation_id));
  }
}
