import type { ParleyServer } from "@parley/server";
import Database from "better-sqlite3";
import { ALICE, BOB, type Dialect, scenarios } from "./scenarios.js";

// Where each stack's server keeps its SQLite file.
const files = new WeakMap<ParleyServer, string>();

/** Records the database file of a server a stack started, for {@link storedHistory}. */
export function rememberDatabase(server: ParleyServer, file: string): void {
  files.set(server, file);
}

// Alice and Bob's conversation as each dialect stores it, in the order the server stored it.
const queries: Record<Dialect, { sql: string; params: unknown[] }> = {
  "support-socketio": {
    sql: "SELECT message_text AS text FROM support_socketio_messages WHERE sender_id = ? OR receiver_id = ? ORDER BY seq",
    params: [ALICE, ALICE],
  },
  "friends-ws": {
    sql: "SELECT content AS text FROM friends_ws_messages WHERE (sender_id = ? AND receiver_id = ?) OR (sender_id = ? AND receiver_id = ?) ORDER BY seq",
    params: [ALICE, BOB, BOB, ALICE],
  },
  "care-socketio": {
    sql: "SELECT content AS text FROM care_socketio_messages WHERE (sender = ? AND receiver = ?) OR (sender = ? AND receiver = ?) ORDER BY seq",
    params: [ALICE, BOB, BOB, ALICE],
  },
  "channels-ws": {
    sql: "SELECT content AS text FROM channels_ws_messages WHERE chat_id = ? ORDER BY seq",
    params: [scenarios["channels-ws"].conversation.alice],
  },
  "rooms-ws": {
    sql: "SELECT content AS text FROM rooms_ws_chat_messages WHERE chat_id = 1 ORDER BY id",
    params: [],
  },
};

/**
 * The conversation's texts as the server's database holds them, oldest first. The field profile
 * needs this: its REST history has side effects (friends-ws marks the page read) or fails on
 * purpose (rooms-ws answers 500 once a message has a read receipt, as the deployed backend does).
 */
export function storedHistory(server: ParleyServer, dialect: Dialect): string[] {
  const { sql, params } = queries[dialect];
  return storedRows<{ text: string | null }>(server, sql, params).map((row) => row.text ?? "");
}

/** Rows of a read-only query on the database of a server a stack started. */
export function storedRows<Row>(server: ParleyServer, sql: string, params: unknown[] = []): Row[] {
  const file = files.get(server);
  if (!file) throw new Error("storedRows: the server was not started by a stack");
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<unknown[], Row>(sql).all(...params);
  } finally {
    db.close();
  }
}
