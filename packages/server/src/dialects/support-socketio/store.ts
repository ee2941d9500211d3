import { type Database, migrate } from "../../db/database.js";
import { ObjectIdGenerator } from "../../ids/object-id.js";

/** A stored support message; `read_at` is null until the receiver side marks it read. */
export interface MessageRow {
  seq: number;
  id: string;
  sender_id: string;
  receiver_id: string;
  message_text: string;
  timestamp: string;
  appointment_id: string | null;
  service_id: string | null;
  read_at: string | null;
}

/** Which side of a user's conversation `GET /chat/history/user/{user_id}` returns. */
export type Direction = "inbound" | "outbound" | "both";

export interface NewMessage {
  senderId: string;
  receiverId: string;
  text: string;
  appointmentId: string | null;
  serviceId: string | null;
  /** The field profile stores the time the client sent; else the server's clock. */
  timestamp?: string;
}

const MIGRATIONS = [
  {
    name: "support-socketio/1-init",
    sql: `
      CREATE TABLE support_socketio_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        sender_id TEXT NOT NULL,
        receiver_id TEXT NOT NULL,
        message_text TEXT NOT NULL,
        timestamp TEXT NOT NULL,
        appointment_id TEXT,
        service_id TEXT,
        read_at TEXT
      );
      CREATE INDEX support_socketio_messages_sender ON support_socketio_messages (sender_id, seq);
      CREATE INDEX support_socketio_messages_receiver ON support_socketio_messages (receiver_id, seq);
    `,
  },
];

const TABLE = "SELECT * FROM support_socketio_messages WHERE";

/**
 * Each side is one range of its index in `seq` order. `both` merges the two ranges (UNION ALL
 * under ORDER BY is a merge in SQLite) instead of an OR, which sorts every message of the user
 * before the first page; a message to oneself counts once.
 */
const SELECT: Record<Direction, string> = {
  inbound: `${TABLE} receiver_id = @user`,
  outbound: `${TABLE} sender_id = @user`,
  both: `${TABLE} sender_id = @user UNION ALL ${TABLE} receiver_id = @user AND sender_id != @user`,
};

/** ISO 8601 in UTC with milliseconds, e.g. `2025-01-31T10:30:00.123Z`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** The support desk's messages in SQLite. */
export class SupportStore {
  private readonly ids: ObjectIdGenerator;
  private readonly q;
  private readonly history: Record<Direction, ReturnType<Database["prepare"]>>;

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    migrate(db, MIGRATIONS);
    this.ids = new ObjectIdGenerator(now);
    this.q = {
      insert: db.prepare(
        `INSERT INTO support_socketio_messages
           (id, sender_id, receiver_id, message_text, timestamp, appointment_id, service_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      bySeq: db.prepare<[number], MessageRow>(
        "SELECT * FROM support_socketio_messages WHERE seq = ?",
      ),
      last: db.prepare<[string, string], MessageRow>(
        `SELECT * FROM support_socketio_messages WHERE sender_id = ? OR receiver_id = ?
         ORDER BY seq DESC LIMIT 1`,
      ),
      unread: db.prepare<[string], { n: number }>(
        "SELECT COUNT(*) AS n FROM support_socketio_messages WHERE sender_id = ? AND read_at IS NULL",
      ),
      readAll: db.prepare(
        "UPDATE support_socketio_messages SET read_at = ? WHERE sender_id = ? AND read_at IS NULL",
      ),
      readBy: db.prepare(
        "UPDATE support_socketio_messages SET read_at = ? WHERE receiver_id = ? AND read_at IS NULL",
      ),
      readTo: db.prepare(
        `UPDATE support_socketio_messages SET read_at = ?
         WHERE sender_id = ? AND receiver_id = ? AND read_at IS NULL`,
      ),
    };
    // Newest first so skip/limit count back from the latest message; callers reverse the page.
    this.history = {
      inbound: db.prepare(this.historySql("inbound")),
      outbound: db.prepare(this.historySql("outbound")),
      both: db.prepare(this.historySql("both")),
    };
  }

  private historySql(direction: Direction): string {
    return `${SELECT[direction]} ORDER BY seq DESC LIMIT @limit OFFSET @skip`;
  }

  addMessage(message: NewMessage): MessageRow {
    const info = this.q.insert.run(
      this.ids.next(),
      message.senderId,
      message.receiverId,
      message.text,
      message.timestamp ?? isoTime(this.now()),
      message.appointmentId,
      message.serviceId,
    );
    const row = this.q.bySeq.get(Number(info.lastInsertRowid));
    if (!row) throw new Error("message insert failed");
    return row;
  }

  /**
   * `userId`'s messages in chronological order. Without `limit`, all of them; with it, the page
   * that ends `skip` messages before the latest one.
   */
  historyOf(userId: string, direction: Direction, skip = 0, limit?: number): MessageRow[] {
    const rows = this.history[direction].all({
      user: userId,
      skip,
      limit: limit ?? -1,
    }) as MessageRow[];
    return rows.reverse();
  }

  /** The latest message of `userId`'s conversation and how many of their messages are unread. */
  summaryOf(userId: string): { last: MessageRow | undefined; unread: number } {
    return {
      last: this.q.last.get(userId, userId),
      unread: this.q.unread.get(userId)?.n ?? 0,
    };
  }

  /**
   * Marks unread messages from `senderId` as read and answers how many changed. With
   * `readerId`, only those sent to that reader; without, every one (the shared admin inbox).
   */
  markRead(senderId: string, readerId: string | null, at: string): number {
    const info =
      readerId === null
        ? this.q.readAll.run(at, senderId)
        : this.q.readTo.run(at, senderId, readerId);
    return info.changes;
  }

  /** Field profile: marks every unread message sent to `receiverId` and answers how many. */
  markReadBy(receiverId: string, at: string): number {
    return this.q.readBy.run(at, receiverId).changes;
  }
}
