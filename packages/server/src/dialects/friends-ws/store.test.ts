import { expect, it } from "vitest";
import { openDatabase } from "../../db/database.js";
import { MessageStore } from "./store.js";

/** The table as the first version of the server left it in a database file. */
const VERSION_1 = `
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

it("pages a conversation stored before positions existed, then new messages after it", () => {
  const db = openDatabase(":memory:");
  db.exec(VERSION_1);
  db.prepare("INSERT INTO schema_migrations VALUES ('friends-ws/1-init', 'then')").run();
  const old = db.prepare(
    `INSERT INTO friends_ws_messages (message_id, sender_id, receiver_id, content, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'then', 'then')`,
  );
  for (let i = 0; i < 6; i++) old.run(`old-${i}`, i % 2 ? "b" : "a", i % 2 ? "a" : "b", `old ${i}`);
  old.run("other", "a", "c", "another conversation");
  db.prepare("UPDATE friends_ws_messages SET is_deleted = 1 WHERE message_id = 'old-4'").run();

  const store = new MessageStore(db);
  for (let i = 0; i < 3; i++) {
    store.insert({
      message_id: `new-${i}`,
      sender_id: i % 2 ? "a" : "b",
      receiver_id: i % 2 ? "b" : "a",
      content: `new ${i}`,
      status: "sent",
      now: "now",
    });
  }
  store.softDelete("new-1", "now");
  store.softDelete("new-1", "now"); // again: counted once

  const ids = (skip: number, limit: number) =>
    store.page("b", "a", skip, limit).map((row) => row.message_id);
  expect(ids(0, 100)).toEqual(["new-2", "new-0", "old-5", "old-3", "old-2", "old-1", "old-0"]);
  expect(ids(2, 3)).toEqual(["old-5", "old-3", "old-2"]);
  expect(ids(6, 3)).toEqual(["old-0"]);
  expect(store.count("a", "b")).toBe(7);
  expect(store.count("c", "a")).toBe(1);
  expect(store.page("a", "c", 0, 10).map((row) => row.content)).toEqual(["another conversation"]);
});
