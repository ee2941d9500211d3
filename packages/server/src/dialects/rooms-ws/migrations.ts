import { type HistoryTable, historyPositionsSql } from "../../db/history-pages.js";

/** Messages paged by their position in the chat, with kept counts (db/history-pages.ts). */
export const roomsHistory: HistoryTable = {
  messages: "rooms_ws_chat_messages",
  key: "chat_id",
  keyType: "INTEGER",
  order: "id",
  counts: "rooms_ws_chat_counts",
  softDelete: true,
};

/**
 * The rooms-ws tables, after the seed's key tables (chats, chat_participants, chat_messages,
 * chat_message_reads) plus the uploaded files. Times are ms since epoch, serialized as ISO 8601.
 */
export const roomsMigrations = [
  {
    name: "rooms-ws/1-init",
    sql: `
CREATE TABLE rooms_ws_chats (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT,
  created_by_type TEXT,
  created_by_id INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE rooms_ws_chat_participants (
  chat_id INTEGER NOT NULL REFERENCES rooms_ws_chats(id),
  participant_type TEXT NOT NULL CHECK (participant_type IN ('user', 'customer')),
  participant_id INTEGER NOT NULL,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (chat_id, participant_id)
);
CREATE INDEX rooms_ws_chat_participants_by_participant
  ON rooms_ws_chat_participants (participant_id);
CREATE TABLE rooms_ws_chat_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id INTEGER NOT NULL REFERENCES rooms_ws_chats(id),
  sender_type TEXT NOT NULL,
  sender_id INTEGER NOT NULL,
  content TEXT,
  message_type TEXT NOT NULL,
  media_url TEXT,
  reply_to_id INTEGER REFERENCES rooms_ws_chat_messages(id),
  is_edited INTEGER NOT NULL DEFAULT 0,
  is_deleted INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  deleted_at INTEGER
);
CREATE INDEX rooms_ws_chat_messages_by_chat ON rooms_ws_chat_messages (chat_id, id);
CREATE TABLE rooms_ws_chat_message_reads (
  message_id INTEGER NOT NULL REFERENCES rooms_ws_chat_messages(id),
  participant_type TEXT NOT NULL,
  participant_id INTEGER NOT NULL,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (message_id, participant_id)
);
CREATE TABLE rooms_ws_uploads (
  name TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  original_name TEXT,
  uploader_type TEXT NOT NULL,
  uploader_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
`,
  },
  { name: "rooms-ws/2-history-positions", sql: historyPositionsSql(roomsHistory) },
];
