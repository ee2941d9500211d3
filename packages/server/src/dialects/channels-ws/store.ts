import { randomUUID } from "node:crypto";
import { type Database, migrate } from "../../db/database.js";
import {
  HistoryPages,
  type HistoryTable,
  historyPositionsSql,
  nextPositionSql,
} from "../../db/history-pages.js";
import type { Directory } from "../../fixtures/directory.js";

export type SenderType = "patient" | "professional";

export interface ChatRow {
  id: string;
  patient_id: string;
  professional_id: string;
  created_at: string;
}

export interface MessageRow {
  seq: number;
  id: string;
  chat_id: string;
  sender_id: string;
  sender_type: SenderType;
  content: string;
  created_at: string;
}

const HISTORY: HistoryTable = {
  messages: "channels_ws_messages",
  key: "chat_id",
  keyType: "TEXT",
  order: "seq",
  counts: "channels_ws_chat_counts",
  softDelete: false,
};

const MIGRATIONS = [
  {
    name: "channels-ws/1-init",
    sql: `
      CREATE TABLE channels_ws_chats (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL,
        professional_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (patient_id, professional_id)
      );
      CREATE TABLE channels_ws_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        chat_id TEXT NOT NULL REFERENCES channels_ws_chats(id),
        sender_id TEXT NOT NULL,
        sender_type TEXT NOT NULL,
        content TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX channels_ws_messages_chat ON channels_ws_messages (chat_id, seq);
    `,
  },
  { name: "channels-ws/2-history-positions", sql: historyPositionsSql(HISTORY) },
];

/** Django-style timestamp with microseconds, as the seed shows (`...10:30:00.123456Z`). */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000Z");
}

/** The chats and messages of channels-ws in SQLite. */
export class ChannelsStore {
  private readonly q;
  private readonly history;

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    migrate(db, MIGRATIONS);
    this.history = new HistoryPages<MessageRow>(db, HISTORY);
    this.q = {
      chat: db.prepare<[string], ChatRow>("SELECT * FROM channels_ws_chats WHERE id = ?"),
      chatOf: db.prepare<[string, string], ChatRow>(
        "SELECT * FROM channels_ws_chats WHERE patient_id = ? AND professional_id = ?",
      ),
      chatsOf: db.prepare<[string, string], ChatRow>(
        "SELECT * FROM channels_ws_chats WHERE patient_id = ? OR professional_id = ? ORDER BY created_at, id",
      ),
      insertChat: db.prepare(
        "INSERT OR IGNORE INTO channels_ws_chats (id, patient_id, professional_id, created_at) VALUES (?, ?, ?, ?)",
      ),
      insertMessage: db.prepare(
        `INSERT INTO channels_ws_messages (id, chat_id, sender_id, sender_type, content, created_at, pos)
         VALUES (@id, @chat, @sender, @type, @content, @at, ${nextPositionSql(HISTORY, "@chat")})`,
      ),
      message: db.prepare<[number], MessageRow>("SELECT * FROM channels_ws_messages WHERE seq = ?"),
      last: db.prepare<[string], MessageRow>(
        "SELECT * FROM channels_ws_messages WHERE chat_id = ? ORDER BY seq DESC LIMIT 1",
      ),
    };
  }

  /** Inserts the fixture chats that are not there yet (runs on every start). */
  seed(directory: Directory): void {
    const at = timestamp(this.now());
    for (const chat of directory.channelsChats()) {
      this.q.insertChat.run(chat.id, chat.patient, chat.professional, at);
    }
  }

  chat(id: string): ChatRow | undefined {
    return this.q.chat.get(id);
  }

  chatsOf(userId: string): ChatRow[] {
    return this.q.chatsOf.all(userId, userId);
  }

  /** The chat between the two, created when missing; `created` says which. */
  getOrCreateChat(patientId: string, professionalId: string): { chat: ChatRow; created: boolean } {
    const existing = this.q.chatOf.get(patientId, professionalId);
    if (existing) return { chat: existing, created: false };
    this.q.insertChat.run(randomUUID(), patientId, professionalId, timestamp(this.now()));
    const chat = this.q.chatOf.get(patientId, professionalId);
    if (!chat) throw new Error("chat insert failed");
    return { chat, created: true };
  }

  addMessage(
    chatId: string,
    senderId: string,
    senderType: SenderType,
    content: string,
  ): MessageRow {
    const info = this.q.insertMessage.run({
      id: randomUUID(),
      chat: chatId,
      sender: senderId,
      type: senderType,
      content,
      at: timestamp(this.now()),
    });
    const row = this.q.message.get(Number(info.lastInsertRowid));
    if (!row) throw new Error("message insert failed");
    return row;
  }

  /** From the kept counter: no page counts rows. */
  countMessages(chatId: string): number {
    return this.history.total(chatId);
  }

  /** Newest first: page 1 is the latest `size` messages; `asc`: oldest first, page 1 the first. */
  page(chatId: string, page: number, size: number, order: "desc" | "asc" = "desc"): MessageRow[] {
    const skip = (page - 1) * size;
    return order === "asc"
      ? this.history.oldestFirst(chatId, skip, size)
      : this.history.newestFirst(chatId, skip, size);
  }

  lastMessage(chatId: string): MessageRow | undefined {
    return this.q.last.get(chatId);
  }
}
