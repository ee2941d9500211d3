import { describe, expect, it } from "vitest";
import { migrate, openDatabase } from "./database.js";
import {
  HistoryPages,
  type HistoryTable,
  historyPositionsSql,
  liveStart,
  nextPositionSql,
} from "./history-pages.js";

const TABLE: HistoryTable = {
  messages: "notes",
  key: "topic",
  keyType: "TEXT",
  order: "seq",
  counts: "notes_counts",
  softDelete: true,
};

interface Note {
  seq: number;
  topic: string;
  body: string;
  is_deleted: 0 | 1;
}

/** A table with rows written before positions existed, then migrated, as a server upgrade does. */
function notes(before: number) {
  const db = openDatabase(":memory:");
  const init = `CREATE TABLE notes (seq INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL,
    body TEXT NOT NULL, is_deleted INTEGER NOT NULL DEFAULT 0)`;
  migrate(db, [{ name: "t/1-init", sql: init }]);
  const old = db.prepare("INSERT INTO notes (topic, body) VALUES (?, ?)");
  for (let i = 0; i < before; i++) old.run(i % 3 === 0 ? "b" : "a", `old ${i}`);
  db.prepare("UPDATE notes SET is_deleted = 1 WHERE seq = 2").run();
  migrate(db, [
    { name: "t/1-init", sql: init },
    { name: "t/2-positions", sql: historyPositionsSql(TABLE) },
  ]);
  const insert = db.prepare(
    `INSERT INTO notes (topic, body, pos) VALUES (@topic, @body, ${nextPositionSql(TABLE, "@topic")})`,
  );
  const remove = db.prepare("UPDATE notes SET is_deleted = 1 WHERE seq = ?");
  return {
    db,
    pages: new HistoryPages<Note>(db, TABLE),
    add: (topic: string, body: string) => Number(insert.run({ topic, body }).lastInsertRowid),
    remove: (seq: number) => remove.run(seq),
    /** What OFFSET over every row of the topic answers: the reference the positions must match. */
    reference: (topic: string, live: boolean, skip: number, limit: number) =>
      db
        .prepare(
          `SELECT seq FROM notes WHERE topic = ? ${live ? "AND is_deleted = 0" : ""}
           ORDER BY seq DESC LIMIT ? OFFSET ?`,
        )
        .pluck()
        .all(topic, limit, skip),
  };
}

describe("history pages", () => {
  it("finds where a live page starts past deleted messages", () => {
    expect(liveStart(10, 0, [])).toBe(10);
    expect(liveStart(10, 3, [])).toBe(7);
    expect(liveStart(10, 3, [9, 8, 2])).toBe(5); // 10, 7, 6 are the three newest live ones
    expect(liveStart(10, 3, [7, 6])).toBe(7); // the bound may be a deleted one: pages skip it
    expect(liveStart(10, 3, [4])).toBe(7);
    expect(liveStart(3, 5, [])).toBe(-2); // past the oldest: an empty page
  });

  it("answers what OFFSET answers, before and after the migration, with deletions", () => {
    const t = notes(20);
    for (let i = 0; i < 40; i++) t.add(i % 2 ? "a" : "b", `new ${i}`);
    for (const seq of [5, 6, 7, 30, 31, 59, 60]) t.remove(seq);
    t.remove(5); // twice: counted once
    for (const topic of ["a", "b", "none"]) {
      const rows = (live: boolean) => Number(t.reference(topic, live, 0, -1).length);
      expect(t.pages.total(topic)).toBe(rows(false));
      expect(t.pages.live(topic)).toBe(rows(true));
      for (let skip = 0; skip <= 45; skip += 1) {
        for (const limit of [1, 7, 50]) {
          const seqs = (list: Note[]) => list.map((n) => n.seq);
          expect(seqs(t.pages.newestFirst(topic, skip, limit))).toEqual(
            t.reference(topic, false, skip, limit),
          );
          expect(seqs(t.pages.liveNewestFirst(topic, skip, limit))).toEqual(
            t.reference(topic, true, skip, limit),
          );
          const oldest = seqs(t.pages.oldestFirst(topic, skip, limit));
          expect(oldest).toEqual(
            [...t.reference(topic, false, 0, -1)].reverse().slice(skip, skip + limit),
          );
        }
      }
    }
  });

  it("seeks every page through an index, with no sort and no scan of the conversation", () => {
    const t = notes(0);
    const plan = (sql: string, ...params: unknown[]) =>
      t.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((row) => (row as { detail: string }).detail)
        .join("; ");
    const page = plan(
      "SELECT * FROM notes WHERE topic = ? AND pos <= ? ORDER BY pos DESC LIMIT ?",
      "a",
      1,
      1,
    );
    expect(page).toMatch(/SEARCH notes USING INDEX notes_by_pos \(topic=\? AND pos<\?\)/);
    expect(page).not.toMatch(/TEMP B-TREE/);
    const deleted = plan(
      "SELECT pos FROM notes WHERE topic = ? AND is_deleted = 1 ORDER BY pos DESC",
      "a",
    );
    expect(deleted).toMatch(/COVERING INDEX notes_deleted_by_pos \(topic=\?\)/);
    expect(deleted).not.toMatch(/TEMP B-TREE/);
  });
});
