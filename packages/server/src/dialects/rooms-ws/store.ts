import { type Database, migrate } from "../../db/database.js";
import { HistoryPages, nextPositionSql } from "../../db/history-pages.js";
import type { Directory } from "../../fixtures/directory.js";
import { roomsHistory, roomsMigrations } from "./migrations.js";
import { fixtureParticipantType, type Participant, type ParticipantType } from "./participants.js";

export interface ChatRow {
  id: number;
  title: string | null;
  created_by_type: ParticipantType | null;
  created_by_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface ParticipantRow {
  chat_id: number;
  participant_type: ParticipantType;
  participant_id: number;
  joined_at: number;
}

export interface MessageRow {
  id: number;
  chat_id: number;
  sender_type: ParticipantType;
  sender_id: number;
  content: string | null;
  message_type: string;
  media_url: string | null;
  reply_to_id: number | null;
  is_edited: number;
  is_deleted: number;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
}

/** One read receipt: who read a message, and when. */
export interface ReadRow {
  message_id: number;
  participant_type: ParticipantType;
  participant_id: number;
  read_at: number;
}

/** What a new message carries besides its chat and sender. */
export interface NewMessage {
  content: string | null;
  message_type: string;
  media_url: string | null;
  reply_to_id: number | null;
}

/** Chats, participants, messages and read receipts in SQLite, through prepared statements. */
export class RoomsStore {
  private readonly s;
  private readonly history;

  constructor(
    private readonly db: Database,
    directory: Directory,
    now: () => number,
  ) {
    migrate(db, roomsMigrations);
    this.history = new HistoryPages<MessageRow>(db, roomsHistory);
    this.s = {
      chat: db.prepare<[number], ChatRow>("SELECT * FROM rooms_ws_chats WHERE id = ?"),
      insertChat: db.prepare(
        `INSERT INTO rooms_ws_chats (title, created_by_type, created_by_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      seedChat: db.prepare(
        "INSERT OR IGNORE INTO rooms_ws_chats (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
      ),
      touchChat: db.prepare("UPDATE rooms_ws_chats SET updated_at = ? WHERE id = ?"),
      addParticipant: db.prepare(
        `INSERT OR IGNORE INTO rooms_ws_chat_participants
         (chat_id, participant_type, participant_id, joined_at) VALUES (?, ?, ?, ?)`,
      ),
      participants: db.prepare<[number], ParticipantRow>(
        "SELECT * FROM rooms_ws_chat_participants WHERE chat_id = ? ORDER BY joined_at, participant_id",
      ),
      isMember: db.prepare<[number, number], { one: number }>(
        "SELECT 1 AS one FROM rooms_ws_chat_participants WHERE chat_id = ? AND participant_id = ?",
      ),
      chatsOf: db.prepare<[number], ChatRow>(
        `SELECT c.* FROM rooms_ws_chats c
         JOIN rooms_ws_chat_participants p ON p.chat_id = c.id AND p.participant_id = ?
         ORDER BY c.updated_at DESC, c.id DESC`,
      ),
      insertMessage: db.prepare<[Record<string, unknown>], MessageRow>(
        `INSERT INTO rooms_ws_chat_messages
         (chat_id, sender_type, sender_id, content, message_type, media_url, reply_to_id, created_at,
          pos)
         VALUES (@chat, @senderType, @sender, @content, @type, @media, @replyTo, @at,
           ${nextPositionSql(roomsHistory, "@chat")})
         RETURNING *`,
      ),
      message: db.prepare<[number], MessageRow>(
        "SELECT * FROM rooms_ws_chat_messages WHERE id = ?",
      ),
      lastMessage: db.prepare<[number], MessageRow>(
        "SELECT * FROM rooms_ws_chat_messages WHERE chat_id = ? ORDER BY id DESC LIMIT 1",
      ),
      edit: db.prepare<[string, number, number], MessageRow>(
        `UPDATE rooms_ws_chat_messages SET content = ?, is_edited = 1, edited_at = ?
         WHERE id = ? RETURNING *`,
      ),
      softDelete: db.prepare<[number, number], MessageRow>(
        `UPDATE rooms_ws_chat_messages SET is_deleted = 1, deleted_at = ?
         WHERE id = ? RETURNING *`,
      ),
      hasRead: db.prepare<[number, number], { one: number }>(
        "SELECT 1 AS one FROM rooms_ws_chat_message_reads WHERE message_id = ? AND participant_id = ?",
      ),
      readUpTo: db.prepare(
        `INSERT OR IGNORE INTO rooms_ws_chat_message_reads
         (message_id, participant_type, participant_id, read_at)
         SELECT id, ?, ?, ? FROM rooms_ws_chat_messages
         WHERE chat_id = ? AND id <= ? AND sender_id != ?`,
      ),
      unread: db.prepare<[number, number, number], { n: number }>(
        `SELECT COUNT(*) AS n FROM rooms_ws_chat_messages m
         WHERE m.chat_id = ? AND m.sender_id != ? AND m.is_deleted = 0
           AND NOT EXISTS (SELECT 1 FROM rooms_ws_chat_message_reads r
                           WHERE r.message_id = m.id AND r.participant_id = ?)`,
      ),
      readers: db.prepare<[string], ReadRow>(
        `SELECT message_id, participant_type, participant_id, read_at FROM rooms_ws_chat_message_reads
         WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY read_at, participant_id`,
      ),
    };
    this.seedFixtures(directory, now());
  }

  /** Fixture chats; participants only when the chat row is new, so run-time chats are never touched. */
  private seedFixtures(directory: Directory, at: number): void {
    this.db.transaction(() => {
      for (const chat of directory.roomsChats()) {
        const inserted = this.s.seedChat.run(chat.id, chat.title ?? null, at, at).changes === 1;
        if (!inserted) continue;
        for (const userId of chat.participants) {
          const user = directory.user(userId);
          if (!user) continue;
          this.s.addParticipant.run(chat.id, fixtureParticipantType(user), user.numericId, at);
        }
      }
    })();
  }

  chat(id: number): ChatRow | undefined {
    return this.s.chat.get(id);
  }

  participants(chatId: number): ParticipantRow[] {
    return this.s.participants.all(chatId);
  }

  isMember(chatId: number, participantId: number): boolean {
    return this.s.isMember.get(chatId, participantId) !== undefined;
  }

  /** The participant's chats, most recently active first. */
  chatsOf(participantId: number): ChatRow[] {
    return this.s.chatsOf.all(participantId);
  }

  /** Creates a chat with its members (the creator first) in one transaction; answers its id. */
  createChat(
    title: string | null,
    creator: Participant,
    others: ReadonlyArray<{ type: ParticipantType; id: number }>,
    at: number,
  ): number {
    return this.db.transaction(() => {
      const id = Number(
        this.s.insertChat.run(title, creator.type, creator.id, at, at).lastInsertRowid,
      );
      this.s.addParticipant.run(id, creator.type, creator.id, at);
      for (const other of others) this.s.addParticipant.run(id, other.type, other.id, at);
      return id;
    })();
  }

  /** Stores a message and bumps the chat's activity time. */
  insertMessage(chatId: number, sender: Participant, message: NewMessage, at: number): MessageRow {
    return this.db.transaction(() => {
      const row = this.s.insertMessage.get({
        chat: chatId,
        senderType: sender.type,
        sender: sender.id,
        content: message.content,
        type: message.message_type,
        media: message.media_url,
        replyTo: message.reply_to_id,
        at,
      }) as MessageRow;
      this.s.touchChat.run(at, chatId);
      return row;
    })();
  }

  message(id: number): MessageRow | undefined {
    return this.s.message.get(id);
  }

  lastMessage(chatId: number): MessageRow | undefined {
    return this.s.lastMessage.get(chatId);
  }

  /** Every message of the chat, deleted ones included, from the kept counter. */
  countMessages(chatId: number): number {
    return this.history.total(chatId);
  }

  /** A page of history: `limit` messages skipping the `offset` newest, oldest first. */
  messagesPage(chatId: number, limit: number, offset: number): MessageRow[] {
    return this.history.newestFirst(chatId, offset, limit).reverse();
  }

  /**
   * Field (`chat.py` `get_messages`): deleted messages left out, newest first; and their count.
   * Upstream orders by `created_at` then id; positions follow insertion, the same order while
   * the server's clock does not go back.
   */
  livePage(chatId: number, limit: number, offset: number): { rows: MessageRow[]; total: number } {
    return {
      rows: this.history.liveNewestFirst(chatId, offset, limit),
      total: this.history.live(chatId),
    };
  }

  editMessage(id: number, content: string, at: number): MessageRow {
    return this.s.edit.get(content, at, id) as MessageRow;
  }

  deleteMessage(id: number, at: number): MessageRow {
    return this.s.softDelete.get(at, id) as MessageRow;
  }

  /**
   * Marks `messageId` and every earlier message of the chat from someone else as read by
   * `reader`. Answers whether `messageId` itself was unread until now.
   */
  markRead(chatId: number, messageId: number, reader: Participant, at: number): boolean {
    return this.db.transaction(() => {
      const wasRead = this.s.hasRead.get(messageId, reader.id) !== undefined;
      this.s.readUpTo.run(reader.type, reader.id, at, chatId, messageId, reader.id);
      return !wasRead && this.s.hasRead.get(messageId, reader.id) !== undefined;
    })();
  }

  unreadCount(chatId: number, participantId: number): number {
    return this.s.unread.get(chatId, participantId, participantId)?.n ?? 0;
  }

  /** The read receipts of each of `messageIds`, in the order they were read. */
  readersOf(messageIds: readonly number[]): Map<number, ReadRow[]> {
    const map = new Map<number, ReadRow[]>();
    if (messageIds.length === 0) return map;
    for (const row of this.s.readers.all(JSON.stringify(messageIds))) {
      const list = map.get(row.message_id) ?? [];
      list.push(row);
      map.set(row.message_id, list);
    }
    return map;
  }
}
